// Writes fixture.apkg with anki-apkg-export, a package writer prepdeck
// did not write, for tests/anki.sh to import. Run once: npm ci && npm run fixture.
import fs from 'node:fs';
import AnkiExport from 'anki-apkg-export';

const apkg = new AnkiExport.default('Cross-check deck');
apkg.addCard('What is <b>RAG</b>?', 'Retrieval-augmented generation<br>with <i>chunks</i>',
	{ tags: ['llm', 'RAG'] });
apkg.addCard('Capital &amp; largest city of Japan', '<div>Tokyo</div><div>since 1868</div>');
apkg.addCard('Three steps', '<ol><li>embed</li><li>retrieve</li><li>generate</li></ol>',
	{ tags: ['pipeline'] });
const zip = await apkg.save();
fs.writeFileSync(new URL('./fixture.apkg', import.meta.url), zip, 'binary');
console.log('wrote fixture.apkg');
