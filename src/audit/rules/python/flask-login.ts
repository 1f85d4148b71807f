import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'python.flask-login.session',
  ecosystem: 'python',
  confidence: 'high',
  keywords: ['flask_login', 'LoginManager', 'login_user', 'logout_user', 'user_loader'],
  requires: /flask_login|flask\.ext\.login/,
  patterns: [
    { pattern: /\bLoginManager\s*\(|@\w+\.(?:user_loader|request_loader)\b/, category: 'session-middleware', message: 'Flask-Login restores users from the legacy session: dual mode must fill current_user from Scalekit sessions too' },
    { pattern: /\.login_view\s*=(?!=)/, category: 'login', message: 'Flask-Login login view: where anonymous users are sent; it becomes the redirect to Scalekit' },
    { pattern: /\blogin_user\s*\(/, category: 'login', message: 'Flask-Login login_user: the password login it ends becomes a redirect to Scalekit plus a callback' },
    { pattern: /\blogout_user\s*\(/, category: 'logout', message: 'Flask-Login logout_user: also redirect to the Scalekit logout URL' },
  ],
});
