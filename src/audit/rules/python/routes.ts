import { routeRule } from '../../text/kit.js';

export default routeRule({
  id: 'python.route.auth-path',
  ecosystem: 'python',
  relativePaths: true,
  keywords: ['path(', 're_path(', 'route(', '.get(', '.post(', 'url('],
  pattern: /\b(?:re_)?path\s*\(\s*r?['"]\^?([^'"]+)['"]|@\w+\.route\s*\(\s*['"]([^'"]+)['"]|@\w+\.(?:get|post|put|patch|delete)\s*\(\s*['"]([^'"]+)['"]|\burl\s*\(\s*r['"]\^?([^'"]+)['"]/,
});
