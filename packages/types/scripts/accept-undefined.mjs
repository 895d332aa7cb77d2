// Strict codebases turn on `exactOptionalPropertyTypes`; there a property
// declared `limit?: number` refuses `{ limit: maybe }` where `maybe` is
// `number | undefined`, so a consumer could not pass an optional query
// parameter or body field it holds in a variable that may be undefined
// (`process.env.X`, an optional argument) without spreading it in by hand.
// Sent, `undefined` is no value: openapi-fetch leaves such a query parameter
// out, and JSON.stringify such a body field. openapi-typescript has no flag
// for it, and its `transformProperty` hook sees only schema objects' properties,
// not the parameter objects, so this rewrites its output: every optional
// property (parameters, bodies, answers alike: one rule) also takes
// `undefined`. A property typed `never` (`header?: never`: the operation has
// none) stays as it is.
import ts from 'typescript';

/**
 * openapi-typescript's nodes with `?: T` made `?: T | undefined`.
 * @param {readonly ts.Node[]} nodes
 * @returns {ts.Node[]}
 */
export function acceptUndefined(nodes) {
  const { factory } = ts;
  /** @param {ts.TypeNode} type */
  const takesUndefined = (type) =>
    type.kind === ts.SyntaxKind.UndefinedKeyword ||
    type.kind === ts.SyntaxKind.NeverKeyword ||
    type.kind === ts.SyntaxKind.UnknownKeyword ||
    type.kind === ts.SyntaxKind.AnyKeyword ||
    (ts.isUnionTypeNode(type) && type.types.some(takesUndefined));
  /** @type {ts.TransformerFactory<ts.Node>} */
  const transformer = (context) => {
    /** @param {ts.Node} node @returns {ts.Node} */
    const visit = (node) => {
      const visited = ts.visitEachChild(node, visit, context);
      if (!ts.isPropertySignature(visited) || !visited.questionToken || !visited.type) return visited;
      if (takesUndefined(visited.type)) return visited;
      const members = ts.isUnionTypeNode(visited.type) ? visited.type.types : [visited.type];
      return factory.updatePropertySignature(
        visited,
        visited.modifiers,
        visited.name,
        visited.questionToken,
        factory.createUnionTypeNode([...members, factory.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword)]),
      );
    };
    return (node) => ts.visitNode(node, visit);
  };
  const result = ts.transform([...nodes], [transformer]);
  const transformed = result.transformed;
  result.dispose();
  return transformed;
}
