import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A Lit controller host without a DOM, for controllers that own fetches and timers: it calls the
 * controllers' hooks in Lit's order when told to connect, update and disconnect, and counts the
 * updates they request (running each as Lit would, a microtask later).
 */
export class ControllerHost implements ReactiveControllerHost {
  private readonly controllers: ReactiveController[] = [];
  private pending: Promise<boolean> | null = null;
  requested = 0;

  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }

  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }

  requestUpdate(): void {
    this.requested++;
    this.pending ??= Promise.resolve().then(() => {
      this.pending = null;
      this.update();
      return true;
    });
  }

  get updateComplete(): Promise<boolean> {
    return this.pending ?? Promise.resolve(true);
  }

  connect(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
    this.update();
  }

  disconnect(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }

  update(): void {
    for (const controller of this.controllers) controller.hostUpdate?.();
    for (const controller of this.controllers) controller.hostUpdated?.();
  }
}
