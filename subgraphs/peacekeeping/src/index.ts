export { peacekeeping } from './definition';
