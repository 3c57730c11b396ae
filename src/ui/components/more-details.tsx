/**
 * "Plus de détails": a button (aria-expanded) that shows or hides what matters less. It opens by
 * itself when `mustOpen` (a field inside has an error), so a problem is never hidden.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export function Disclosure({
  id,
  label,
  mustOpen = false,
  children,
}: {
  /** The id of the hidden part, for aria-controls. */
  id: string;
  label: string;
  mustOpen?: boolean;
  children: ComponentChildren;
}) {
  const [chosen, setChosen] = useState(false);
  const open = chosen || mustOpen;
  return (
    <div class="disclosure">
      <button
        type="button"
        class="disclosure-toggle"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setChosen(!open)}
      >
        <span aria-hidden="true">{open ? '▴ ' : '▾ '}</span>
        {label}
      </button>
      {open && (
        <div id={id} class="disclosure-body">
          {children}
        </div>
      )}
    </div>
  );
}
