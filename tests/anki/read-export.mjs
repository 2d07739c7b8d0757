// Reads a package prepdeck exported with anki-reader, an independent
// reader, and prints its decks and notes in a plain form that
// tests/anki.sh compares with what prepdeck wrote:
//   deck <TAB> name
//   note <TAB> deck name <TAB> model id <TAB> Name=value | Name=value ...
// (field names from the package's note types)
// sorted. Usage: node read-export.mjs FILE.apkg > export-read.txt
import fs from 'node:fs';
import { readAnkiPackage } from 'anki-reader';

const file = process.argv[2];
const buf = fs.readFileSync(file);
const { collection } = await readAnkiPackage(new Blob([buf]));
const lines = [];
const decks = collection.getDecks();
for (const deck of Object.values(decks)) {
	const raw = deck.getRawDeck();
	const cards = Object.values(deck.getCards());
	if (cards.length === 0)
		continue;
	lines.push(`deck\t${raw.name}`);
	const notes = new Map();
	for (const card of cards)
		notes.set(card.getNoteId(), card);
	for (const card of notes.values())
		lines.push(`note\t${raw.name}\t${card.getModelId()}\t${Object.entries(card.getFields()).map(([k, v]) => `${k}=${v}`).join(' | ')}`);
}
lines.sort();
process.stdout.write(lines.join('\n') + '\n');
