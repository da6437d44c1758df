import { labelCatalogue } from '@psea/contract';
import type { RouteHandler } from '@psea/service';

/**
 * `/assets/labels.js`: the contract's label registry as a script for the hub's plain-JavaScript
 * pages, so the dashboard and GraphiQL use the words the report uses, written once.
 */
export function labelsScriptRoute(): RouteHandler {
  const body = `window.PSEA_LABELS = ${JSON.stringify(labelCatalogue())};\n`;
  return (_req, res) => {
    res.setHeader('content-type', 'text/javascript; charset=utf-8');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cache-control', 'no-cache');
    res.end(body);
  };
}
