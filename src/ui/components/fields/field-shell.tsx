import type { ComponentChildren } from 'preact';

export interface FieldShellProps {
  id: string;
  label: string;
  hint?: string | undefined;
  /** Already translated error text, shown next to the field. */
  error?: string | undefined;
  children: (aria: { 'aria-describedby'?: string; 'aria-invalid'?: 'true' }) => ComponentChildren;
}

/** Label, hint and error wired to one control, so screen readers read all three. */
export function FieldShell({ id, label, hint, error, children }: FieldShellProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {children({
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': 'true' as const } : {}),
      })}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
