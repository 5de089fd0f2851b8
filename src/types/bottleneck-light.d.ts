// bottleneck/light is the same API as bottleneck without the Redis clustering code; the package types only the full build.
declare module 'bottleneck/light' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
