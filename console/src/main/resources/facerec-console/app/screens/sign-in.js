import {auth} from '../api.js';
import {field, fill, h} from '../dom.js';
import {onSubmit, problemView, say, screen} from '../ui.js';

export function signInScreen(signedIn) {
  const username = h('input', {id: 'username', name: 'username', autocomplete: 'username', required: true});
  const password = h('input', {id: 'password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true});
  const outcome = h('div', {class: 'outcome'});
  const submit = h('button', {type: 'submit', id: 'sign-in-submit', class: 'primary'}, 'Sign in');
  const form = h('form', {class: 'card narrow', onsubmit: onSubmit(async () => {
    submit.disabled = true;
    outcome.replaceChildren();
    try {
      await auth.signIn(username.value, password.value);
      password.value = '';
      say(`Signed in as ${auth.user.name}.`);
      signedIn();
    } catch (error) {
      fill(outcome, problemView(error));
      password.select();
    } finally {
      submit.disabled = false;
    }
  })},
  field('User name', username),
  field('Password', password),
  submit,
  outcome,
  h('p', {class: 'hint'},
    'The first administrator’s password is in the data folder’s secrets/initial-admin-password until you change it. '
    + 'Your sign-in lasts while this tab is open; reloading the page asks again.'));
  return screen('sign-in', 'Sign in', form);
}
