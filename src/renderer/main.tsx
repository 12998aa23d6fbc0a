import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/global.css';

// The token arrived in the URL; the server has set it as a cookie, so drop it from the address bar.
if (window.location.search.includes('token=')) window.history.replaceState(null, '', window.location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
