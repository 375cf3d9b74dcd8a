/**
 * The embeddable build: one self-contained ES module that defines `<quire-editor>` (and its parts) on
 * any page. `<script type="module" src="https://host/embed/quire-editor.js"></script>`.
 */
export { QuireEditor, type QuireErrorDetail, type QuireStatusDetail } from './components/quire-editor.js';
