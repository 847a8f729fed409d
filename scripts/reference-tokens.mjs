// Writes the reference token ids that OnnxRuntimeOracleTest compares attnlab's tokenizer against.
//
// The reference is transformers.js (@huggingface/transformers, whose tokenizers are a pure JS/TS
// reimplementation in @huggingface/tokenizers), i.e. independent of the Rust `tokenizers` library
// that DJL wraps. It runs offline: the tokenizer is built from a local tokenizer.json, nothing is
// fetched.
//
// Regenerate (from the repository root):
//   npm install --prefix scripts --ignore-scripts        # once; ONNX/image natives are not needed
//   attnlab import --model minilm --out /tmp/minilm      # the tokenizer.json attnlab uses
//   node scripts/reference-tokens.mjs /tmp/minilm/tokenizer.json src/test/resources/oracle/sentences.txt \
//     > src/test/resources/oracle/minilm-reference-tokens.json
import { readFileSync } from 'node:fs';
import { BertTokenizer, env } from '@huggingface/transformers';

const [tokenizerPath, sentencesPath] = process.argv.slice(2);
if (!tokenizerPath || !sentencesPath) {
  console.error('usage: node reference-tokens.mjs TOKENIZER_JSON SENTENCES_TXT > fixture.json');
  process.exit(2);
}
env.allowRemoteModels = false;

const tokenizer = new BertTokenizer(JSON.parse(readFileSync(tokenizerPath, 'utf8')), {});
const sentences = readFileSync(sentencesPath, 'utf8').split('\n').filter((line) => line.length > 0);

const encoded = sentences.map((text) => {
  const ids = tokenizer.encode(text, { add_special_tokens: true });
  const tokens = tokenizer.tokenize(text, { add_special_tokens: true });
  if (tokens.length !== ids.length) {
    throw new Error(`${tokens.length} tokens but ${ids.length} ids for: ${text}`);
  }
  return { text, tokens, ids };
});
// One sentence per line keeps the committed fixture reviewable in a diff.
const generator = JSON.stringify(`@huggingface/transformers ${env.version} (BertTokenizer)`);
process.stdout.write(`{"generated_by": ${generator},\n "sentences": [\n`
    + encoded.map((s) => '  ' + JSON.stringify(s)).join(',\n') + '\n ]}\n');
