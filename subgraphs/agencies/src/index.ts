export { agencies as definition } from './definition';
