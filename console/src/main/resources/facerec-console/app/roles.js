import {h} from './dom.js';

export const ROLES = ['VIEWER', 'OPERATOR', 'ADMIN'];

export const ROLE_HELP = {
  VIEWER: 'detect, compare, identify',
  OPERATOR: 'also galleries, persons and faces',
  ADMIN: 'also users, API keys, audit log',
};

export function roleSelect(id, selected = 'VIEWER', props = {}) {
  return h('select', {id, ...props},
    ROLES.map((role) => h('option', {value: role, selected: role === selected}, `${role} (${ROLE_HELP[role]})`)));
}
