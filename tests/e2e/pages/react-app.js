// A small React 18 app (UMD build, no JSX, no bundler): an article that re-renders when its
// "live" figures update. React owns this DOM: wrapping its text in <mark>s would break its
// reconciliation, so claimmark must highlight it without touching it.
const e = React.createElement;

function Article() {
  const [n, setN] = React.useState(0);
  window.__update = () => setN((x) => x + 1);
  const paragraphs = [
    `Around ${8 + n},000 North Korean soldiers have already been deployed to the Kursk region, U.S. Secretary of State Antony Blinken announced on Wednesday.`,
    'South Korean Defense Minister Kim Yong-hyun noted that North Korea has supplied nearly 10 million artillery rounds.',
  ];
  if (n > 0) paragraphs.push(`Update ${n}: officials said more than ${n * 300} soldiers were wounded, according to the ministry.`);
  return e(
    'article',
    null,
    e('h1', null, 'Troops near the front line'),
    paragraphs.map((p, i) => e('p', { key: i }, p)),
    e('button', { type: 'button', id: 'update', onClick: () => setN((x) => x + 1) }, 'Update figures'),
  );
}

ReactDOM.createRoot(document.getElementById('root')).render(e(Article));
