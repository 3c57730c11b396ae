import type { FastifyInstance } from 'fastify';
import type { RelaisStore } from '../stores/store';

declare module 'fastify' {
  interface FastifyInstance {
    store: RelaisStore;
  }
}

/**
 * The app owns the store once registered: closing the app closes it. Fastify runs onClose hooks
 * after the HTTP server has drained, so in-flight requests still have their database.
 */
export function registerStore(app: FastifyInstance, store: RelaisStore): void {
  app.decorate('store', store);
  app.addHook('onClose', async () => {
    await store.close();
  });
}
