export { nonUnForces as definition } from './definition';
