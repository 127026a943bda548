import fs from 'node:fs';
import path from 'node:path';

/**
 * An offline GraphQL IDE (GraphiQL 3 from node_modules, no CDN) served at `GET /graphql` for
 * browsers and at `/`; it runs subscriptions over the WebSocket of the same path (its bundled graphql-ws client). Apollo's default landing page loads from the internet, which this
 * product's machines cannot reach.
 */
const ASSETS: Record<string, { file: string; type: string }> = {
  '/sandbox/react.js': { file: 'react/umd/react.production.min.js', type: 'text/javascript' },
  '/sandbox/react-dom.js': { file: 'react-dom/umd/react-dom.production.min.js', type: 'text/javascript' },
  '/sandbox/graphiql.js': { file: 'graphiql/dist/index.umd.js', type: 'text/javascript' },
  '/sandbox/graphiql.css': { file: 'graphiql/dist/style.css', type: 'text/css' },
};

export const DEFAULT_QUERY = `# Welcome to the EwL experimentation catalogue.
# Ctrl+Space completes, Ctrl+Enter runs; the Docs panel lists every type.
# Live events: subscription { experimentEvents { type experimentKey ownerNodeKey payload } }
query RecentExperiments {
  experiments(first: 10, orderBy: { field: CONCLUDED_AT, direction: DESC }) {
    totalCount
    edges {
      node { key title status kind concludedAt owner { name } decision { kind decidedBy } }
    }
  }
}
`;

export function sandboxHtml(endpoint: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>EwL catalogue - GraphQL sandbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/sandbox/graphiql.css">
<style>body{margin:0;height:100vh}#graphiql{height:100vh}</style></head>
<body><div id="graphiql">Loading the sandbox...</div>
<script src="/sandbox/react.js"></script>
<script src="/sandbox/react-dom.js"></script>
<script src="/sandbox/graphiql.js"></script>
<script>
  const endpoint = ${JSON.stringify(endpoint)};
  // Subscriptions go over graphql-ws on the same path; the Headers tab (Authorization) becomes the connection's params.
  const subscriptionUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + endpoint;
  const fetcher = GraphiQL.createFetcher({ url: endpoint, subscriptionUrl });
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)}, defaultEditorToolsVisibility: true }));
</script></body></html>`;
}

const assetCache = new Map<string, Buffer>();

/** Returns a sandbox asset by URL path, or undefined when the path is not one. */
export function sandboxAsset(urlPath: string): { body: Buffer; type: string } | undefined {
  const asset = ASSETS[urlPath];
  if (!asset) return undefined;
  let body = assetCache.get(urlPath);
  if (!body) {
    body = fs.readFileSync(path.join(path.dirname(require.resolve('graphiql/package.json')), '..', asset.file));
    assetCache.set(urlPath, body);
  }
  return { body, type: asset.type };
}
