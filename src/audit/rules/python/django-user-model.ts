import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'python.django.user-model',
  ecosystem: 'python',
  confidence: 'high',
  keywords: ['AbstractUser', 'AbstractBaseUser', 'AUTH_USER_MODEL', 'get_user_model'],
  patterns: [
    { pattern: /\bclass\s+\w+\s*\([^)]*\b(?:AbstractUser|AbstractBaseUser)\b/, category: 'user-model', message: 'Django custom user model: its primary key becomes external_id; export users from its table' },
    { pattern: /^\s*AUTH_USER_MODEL\s*=/, category: 'user-model', message: 'Django AUTH_USER_MODEL setting: the user table to export' },
  ],
});
