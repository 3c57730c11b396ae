/** The funders' presets by id (`?preset=` of the report's CSV). Add one: a file here and a line below. */
import { PCB_PRESET } from './pcb';
import type { ReportPreset } from './preset';

export const REPORT_PRESETS: Readonly<Record<string, ReportPreset>> = { [PCB_PRESET.id]: PCB_PRESET };
export type { ReportPreset } from './preset';
