/** Entry of the renderer bundle: renders the app into `#app`. */
import { render } from 'preact';
import { App } from './components/App';

const root = document.getElementById('app');
if (!root) throw new Error('renderer: #app element missing from index.html');
render(<App />, root);
