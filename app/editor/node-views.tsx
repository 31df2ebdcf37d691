import { NodeViewWrapper, ReactNodeViewRenderer, type ReactNodeViewProps } from "@tiptap/react";
import { FrenchText } from "~/components/FrenchText";
import { TableView } from "~/components/TableView";
import { renderBlock } from "~/domain/convention/blocks";
import { resolveVariable, variableLabel } from "~/domain/convention/variables";
import { getTemplate } from "../../templates";
import { ComputedBlock, Variable } from "./extensions";
import { useLiveConventionContext } from "./live-state";

function VariableView({ node }: ReactNodeViewProps) {
  const { state, flux } = useLiveConventionContext();
  const name = String(node.attrs.name);
  if (!state)
    return (
      <NodeViewWrapper as="span" className="variable pending">
        {`{{${name}}}`}
      </NodeViewWrapper>
    );
  const resolved = resolveVariable(name, state, flux ?? undefined, getTemplate(state.meta.templateId));
  return (
    <NodeViewWrapper
      as="span"
      className={resolved.ok ? "variable" : "variable unresolved"}
      title={resolved.ok ? variableLabel(name, state) : resolved.message}
      data-variable={name}
    >
      {resolved.ok ? <FrenchText text={resolved.text} /> : `[${variableLabel(name, state)}]`}
    </NodeViewWrapper>
  );
}

function ComputedBlockView({ node }: ReactNodeViewProps) {
  const { state, flux } = useLiveConventionContext();
  const block = String(node.attrs.block);
  return (
    <NodeViewWrapper className="computed-block" data-computed-block={block} contentEditable={false}>
      {state ? <TableView model={renderBlock(block, state, flux ?? undefined)} /> : <p className="muted">Calcul…</p>}
    </NodeViewWrapper>
  );
}

/** The browser's editor nodes: the shared schema plus React views that render live values from the document. */
export function browserNodeViews() {
  return {
    variable: Variable.extend({ addNodeView: () => ReactNodeViewRenderer(VariableView, { as: "span" }) }),
    computedBlock: ComputedBlock.extend({ addNodeView: () => ReactNodeViewRenderer(ComputedBlockView) }),
  };
}
