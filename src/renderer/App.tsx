export function App() {
  return <div className="app">Kiln</div>;
}
