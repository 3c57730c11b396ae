/**
 * A card of the intake screens (household, contact, referral, people): a section named by its
 * own title, so each is a landmark a screen reader can jump to.
 */
import type { ComponentChildren } from 'preact';

export function IntakeCard(props: { titleId: string; title: string; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={props.titleId}>
      <h2 id={props.titleId}>{props.title}</h2>
      {props.children}
    </section>
  );
}
