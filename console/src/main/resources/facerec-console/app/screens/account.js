import {api, auth} from '../api.js';
import {field, h} from '../dom.js';
import {onSubmit, run, say, screen} from '../ui.js';

/** Password change: the service ends every sign-in of the account, this one too, so the console signs out. */
export function accountScreen() {
  const current = h('input', {id: 'current-password', type: 'password', autocomplete: 'current-password',
    required: true});
  const next = h('input', {id: 'new-password', type: 'password', autocomplete: 'new-password', required: true,
    minLength: 12, 'aria-describedby': 'new-password-hint'});
  const outcome = h('div', {class: 'outcome'});
  const form = h('form', {class: 'card narrow', onsubmit: onSubmit(() => run(outcome, async () => {
    await api('POST', '/api/v1/auth/password', {json: {currentPassword: current.value, newPassword: next.value}});
    say('Password changed. Sign in again with the new password.');
    auth.expire();
  }))},
  h('h2', {}, `Change the password of ${auth.user.name}`),
  field('Current password', current),
  field('New password', next, 'At least 12 characters. Every sign-in of this account ends, this one included.'),
  h('button', {type: 'submit', id: 'password-submit', class: 'primary'}, 'Change password'),
  outcome);
  return screen('account', 'Your account', form);
}
