/**
 * `npm start`: build the app when needed, then run the sync server (embedded SQLite unless
 * DATABASE_URL is set), which serves the app and prints its URL.
 */
import { buildIfStale } from './build-if-stale';

buildIfStale();
await import('../sync-server/src/server');
