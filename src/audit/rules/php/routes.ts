import { routeRule } from '../../text/kit.js';

export default routeRule({
  id: 'php.route.auth-path',
  ecosystem: 'php',
  relativePaths: true,
  keywords: ['Route::'],
  pattern: /\bRoute::(?:get|post|put|patch|delete|any|match|view)\s*\(\s*(?:\[[^\]]*\]\s*,\s*)?['"]([^'"]+)['"]/,
});
