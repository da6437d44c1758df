export { agencies } from './definition';
