/** The simulation worker: the domain engine behind Comlink, off the page's main thread. */
import * as Comlink from 'comlink';
import { createSimulationApi } from './simulation-api';

Comlink.expose(createSimulationApi());
