import { typeset } from "~/domain/typography";

/** Text from the domain set in French typography, ordinals raised with <sup> (docs/decisions/0302-french-typography.md). */
export function FrenchText({ text }: { text: string }) {
  return (
    <>
      {typeset(text).map((segment, index) => (segment.superscript ? <sup key={index}>{segment.text}</sup> : segment.text))}
    </>
  );
}
