/** Opening the line-by-line lists as a person does (budget lines, creditors, debts). */
import { fireEvent, within } from '@testing-library/preact';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The summary button of a stored line: its text starts with the line's name. */
export function findLineToggle(scope: HTMLElement, name: string): Promise<HTMLElement> {
  return within(scope).findByRole('button', { name: new RegExp(`^${escaped(name)}`) });
}

/** Opens a stored line by its one-line summary; resolves with the summary button. */
export async function expandLine(scope: HTMLElement, name: string): Promise<HTMLElement> {
  const toggle = await findLineToggle(scope, name);
  if (toggle.getAttribute('aria-expanded') !== 'true') fireEvent.click(toggle);
  return toggle;
}

/** Opens the "add" form of a list by its button; resolves with the form's group. */
export async function openNewLine(scope: HTMLElement, label: string): Promise<HTMLElement> {
  fireEvent.click(await within(scope).findByRole('button', { name: label }));
  return within(scope).findByRole('group', { name: label });
}
