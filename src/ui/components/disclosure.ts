import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';

/**
 * A disclosure (a button with aria-expanded that shows a panel), as the header's menu and the
 * sync status use it: Escape closes it and gives the focus back to its button; a tap or click
 * outside, the keyboard focus moving out of it, or moving to another page closes it.
 */
export function useDisclosure<Root extends HTMLElement = HTMLDivElement>() {
  const [open, setOpen] = useState(false);
  const root = useRef<Root>(null);
  const button = useRef<HTMLButtonElement>(null);
  const { path } = useLocation();

  // Closes on every change of page (a link in the panel was followed).
  useEffect(() => setOpen(false), [path]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const focusInside = root.current?.contains(document.activeElement) ?? false;
      setOpen(false);
      // The focus was in the panel, which disappears: it goes back to the button.
      if (focusInside) {
        event.preventDefault();
        button.current?.focus();
      }
    };
    const onFocusOut = (event: FocusEvent) => {
      const next = event.relatedTarget;
      if (next instanceof Node && !root.current?.contains(next)) setOpen(false);
    };
    const area = root.current;
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    area?.addEventListener('focusout', onFocusOut);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
      area?.removeEventListener('focusout', onFocusOut);
    };
  }, [open]);

  return {
    open,
    toggle: () => setOpen((was) => !was),
    root,
    button,
  };
}

/** Whether the media query matches, following changes (`fallback` where matchMedia is missing). */
export function useMediaQuery(query: string, fallback: boolean): boolean {
  const supported = typeof window !== 'undefined' && typeof window.matchMedia === 'function';
  const [matches, setMatches] = useState(() => (supported ? window.matchMedia(query).matches : fallback));
  useEffect(() => {
    if (!supported) return;
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query, supported]);
  return matches;
}
