import { useEffect, useState, type ReactNode } from "react";

/** One section of the convention page: a landmark with its heading, reachable at `#id`. */
export function ConventionSection(props: { id: string; title: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section id={props.id} aria-labelledby={`${props.id}-titre`} className={`convention-section ${props.className ?? ""}`} tabIndex={-1}>
      <h2 id={`${props.id}-titre`} className="section-title">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

export interface SectionLink {
  id: string;
  label: string;
  /** A count shown beside the label (open comments, journal entries…), with its meaning for screen readers. */
  badge?: { count: number; meaning: string };
}

/**
 * The page's table of contents, kept at the top of the window while scrolling: plain links to the sections (the browser
 * scrolls and the address keeps the anchor), the section in view marked as the current location.
 */
export function SectionNav({ sections }: { sections: SectionLink[] }) {
  const [current, setCurrent] = useState<string | null>(null);
  const ids = sections.map((s) => s.id).join(" ");
  useEffect(() => {
    const list = ids.split(" ");
    const update = () => {
      // The current section is the last one whose top went past the bar.
      let found: string | null = null;
      for (const id of list) {
        const element = document.getElementById(id);
        if (element && element.getBoundingClientRect().top <= 90) found = id;
      }
      setCurrent(found ?? list[0] ?? null);
    };
    update();
    window.addEventListener("scroll", update, { passive: true });
    window.addEventListener("hashchange", update);
    return () => {
      window.removeEventListener("scroll", update);
      window.removeEventListener("hashchange", update);
    };
  }, [ids]);
  return (
    <nav className="section-nav" aria-label="Sections de la convention">
      <ul>
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`} aria-current={current === s.id ? "location" : undefined}>
              {s.label}
              {s.badge && s.badge.count > 0 ? (
                <span className="nav-badge">
                  {" "}
                  {s.badge.count}
                  <span className="visually-hidden"> {s.badge.meaning}</span>
                </span>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
