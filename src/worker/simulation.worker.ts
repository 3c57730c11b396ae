/** The simulation worker: the domain engine behind Comlink, off the page's main thread. */
// First: before any zod schema is built (SEC1, no eval under the Content-Security-Policy).
import '../domain/zod-config';
import * as Comlink from 'comlink';
import { createSimulationApi } from './simulation-api';

Comlink.expose(createSimulationApi());
