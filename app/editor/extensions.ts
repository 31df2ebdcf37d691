import { mergeAttributes, Node, type Extensions } from "@tiptap/core";
import Heading from "@tiptap/extension-heading";
import StarterKit from "@tiptap/starter-kit";

/** Sections a heading can open; articles and annexes carry a stable id used by approvals, comments and the export. */
export const HEADING_SECTIONS = ["titre", "visas", "preambule", "article", "annexe", "signatures"] as const;

/** The id of an article's heading in the page, for links to it. */
export const articleAnchor = (articleId: string) => `article-${articleId}`;

/** Headings that know which part of the convention they open. */
export const ConventionHeading = Heading.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      section: {
        default: null,
        parseHTML: (el: HTMLElement) => el.getAttribute("data-section"),
        renderHTML: (attrs: { section?: string | null }) => (attrs.section ? { "data-section": attrs.section } : {}),
      },
      articleId: {
        default: null,
        parseHTML: (el: HTMLElement) => el.getAttribute("data-article-id"),
        // The id makes an article a deep link target (/conventions/…#article-<id>).
        renderHTML: (attrs: { articleId?: string | null }) =>
          attrs.articleId ? { "data-article-id": attrs.articleId, id: articleAnchor(attrs.articleId) } : {},
      },
    };
  },
}).configure({ levels: [1, 2, 3] });

/** An inline value computed from the convention's data (a party's name, a rate, a volume…). */
export const Variable = Node.create({
  name: "variable",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return { name: { default: "", parseHTML: (el: HTMLElement) => el.getAttribute("data-variable") } };
  },
  parseHTML() {
    return [{ tag: "span[data-variable]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes(HTMLAttributes, { "data-variable": HTMLAttributes.name, class: "variable" })];
  },
  renderText({ node }) {
    return `{{${node.attrs.name as string}}}`;
  },
});

/** A table computed from the convention's data (flux table, droits-de-suite schedule, deadlines…). */
export const ComputedBlock = Node.create({
  name: "computedBlock",
  group: "block",
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    return { block: { default: "", parseHTML: (el: HTMLElement) => el.getAttribute("data-computed-block") } };
  },
  parseHTML() {
    return [{ tag: "div[data-computed-block]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["div", mergeAttributes(HTMLAttributes, { "data-computed-block": HTMLAttributes.block })];
  },
});

/**
 * The document schema shared by the browser editor and the server (which builds documents from templates and reads
 * them back as text). Collaboration replaces the editor's own history, so undo/redo is off here. The browser adds
 * node views on top of these nodes; the schema itself must stay identical on both sides.
 */
export function baseExtensions(nodes: { variable?: Node; computedBlock?: Node } = {}): Extensions {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: false,
      link: false,
      underline: false,
      code: false,
      codeBlock: false,
    }),
    ConventionHeading,
    nodes.variable ?? Variable,
    nodes.computedBlock ?? ComputedBlock,
  ];
}
