#!/usr/bin/python3
"""Reference fixtures for the RoBERTa, DistilBERT and ELECTRA sequence classifiers.

`transformers` and `tokenizers` are not installable here, so each architecture is written out in plain
PyTorch from the Hugging Face definitions (modeling_roberta.py, modeling_distilbert.py,
modeling_electra.py of transformers 4.x, inference mode: dropout off) with tiny seeded random weights.
For each architecture it writes, under src/test/resources/architectures/<name>/:

  config.json        as Hugging Face writes it for that architecture
  model.safetensors  parameter names exactly as HF saves them (written by hand: 8-byte little-endian
                     header length, JSON header, raw little-endian data)
  tokenizer.json     a small but complete HF tokenizer: WordPiece (BERT style) for DistilBERT and ELECTRA,
                     byte-level BPE with RoBERTa's post-processor for RoBERTa; the ids below come from a
                     re-implementation of the same algorithm here, so the Java test also checks that the
                     HF tokenizers library reads the file the same way
  expected.json      per input text: ids, logits, every attention matrix and the last hidden state, from
                     single-input forwards and from one right-padded batch of all inputs

The forward runs in float64 on the float32 weights that are saved, so the reference has no float32
rounding of its own. Run with Debian's python3-torch:  /usr/bin/python3 scripts/make-architecture-fixtures.py
"""
import json
import math
import os
import re
import struct

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "architectures")

TEXTS = [
    "the movie was great",
    "a bad, boring film!",
    "the acting was good but the ending was terrible",
    "great",
]


# ---------------------------------------------------------------------------------------------- safetensors

def write_safetensors(path, tensors):
    """tensors: ordered dict name -> torch tensor (float32 or int64)."""
    kinds = {torch.float32: "F32", torch.int64: "I64"}
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous()
        data = t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": kinds[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


# ---------------------------------------------------------------------------------------------- tokenizers

PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def special(id_, content):
    return {"id": id_, "content": content, "single_word": False, "lstrip": False, "rstrip": False,
            "normalized": False, "special": True}


def wordpiece_vocab():
    tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tokens += sorted(PUNCT)
    tokens += [chr(c) for c in range(ord("a"), ord("z") + 1)]
    tokens += ["##" + chr(c) for c in range(ord("a"), ord("z") + 1)]
    tokens += ["the", "movie", "was", "great", "bad", "film", "good", "but", "act", "##ing", "end", "terri",
               "##ble", "bor", "a"]
    seen, vocab = set(), []
    for t in tokens:
        if t not in seen:
            seen.add(t)
            vocab.append(t)
    return {t: i for i, t in enumerate(vocab)}


def wordpiece_tokenizer_json(vocab):
    cls, sep = vocab["[CLS]"], vocab["[SEP]"]
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [special(vocab[t], t) for t in ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [cls], "tokens": ["[CLS]"]},
                               "[SEP]": {"id": "[SEP]", "ids": [sep], "tokens": ["[SEP]"]}}},
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vocab},
    }


def wordpiece_encode(vocab, text):
    """BertNormalizer (lowercase) + BertPreTokenizer + greedy longest-match-first WordPiece."""
    words = []
    for chunk in text.lower().split():
        cur = ""
        for ch in chunk:
            if ch in PUNCT:
                if cur:
                    words.append(cur)
                words.append(ch)
                cur = ""
            else:
                cur += ch
        if cur:
            words.append(cur)
    tokens = ["[CLS]"]
    for word in words:
        pieces, start = [], 0
        while start < len(word):
            end, found = len(word), None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in vocab:
                    found = piece
                    break
                end -= 1
            if found is None:
                pieces = ["[UNK]"]
                break
            pieces.append(found)
            start = end
        tokens += pieces
    tokens.append("[SEP]")
    return tokens, [vocab[t] for t in tokens]


def bytes_to_unicode():
    """GPT-2's reversible byte -> printable character map, used by the ByteLevel pre-tokenizer."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


BYTE_CHARS = bytes_to_unicode()
# The GPT-2 split pattern restricted to the ASCII inputs used here (\p{L} -> letters, \p{N} -> digits).
GPT2_SPLIT = re.compile(r"'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+")


def byte_words(text):
    return ["".join(BYTE_CHARS[b] for b in w.encode("utf-8")) for w in GPT2_SPLIT.findall(text)]


def learn_merges(texts, count):
    """A real (if tiny) BPE training run: repeatedly merge the most frequent adjacent pair."""
    words = [list(w) for t in texts for w in byte_words(t)]
    merges = []
    for _ in range(count):
        pairs = {}
        for w in words:
            for a, b in zip(w, w[1:]):
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
        if not pairs:
            break
        best = max(sorted(pairs), key=lambda p: pairs[p])
        merges.append(best)
        for w in words:
            i = 0
            while i < len(w) - 1:
                if (w[i], w[i + 1]) == best:
                    w[i:i + 2] = [w[i] + w[i + 1]]
                else:
                    i += 1
    return merges


def bpe_vocab(merges):
    tokens = ["<s>", "<pad>", "</s>", "<unk>"]
    tokens += [BYTE_CHARS[b] for b in range(256)]
    tokens += [a + b for a, b in merges]
    tokens.append("<mask>")
    vocab = {}
    for t in tokens:
        vocab.setdefault(t, len(vocab))
    return vocab


def bpe_tokenizer_json(vocab, merges):
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [special(vocab[t], t) for t in ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {"type": "RobertaProcessing", "sep": ["</s>", vocab["</s>"]], "cls": ["<s>", vocab["<s>"]],
                           "trim_offsets": True, "add_prefix_space": False},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False,
                  "vocab": vocab, "merges": [a + " " + b for a, b in merges]},
    }


def bpe_encode(vocab, merges, text):
    rank = {m: i for i, m in enumerate(merges)}
    tokens = ["<s>"]
    for word in byte_words(text):
        w = list(word)
        while len(w) > 1:
            pairs = [(rank.get((a, b), math.inf), i) for i, (a, b) in enumerate(zip(w, w[1:]))]
            r, i = min(pairs)
            if r == math.inf:
                break
            w[i:i + 2] = [w[i] + w[i + 1]]
        tokens += w
    tokens.append("</s>")
    return tokens, [vocab[t] for t in tokens]


# ---------------------------------------------------------------------------------------------- models

def gelu(x):
    # ACT2FN["gelu"] is the exact erf form.
    return torch.nn.functional.gelu(x)


def linear(p, name, x):
    return x @ p[name + ".weight"].t() + p[name + ".bias"]


def layer_norm(p, name, x, eps):
    return torch.nn.functional.layer_norm(x, (x.shape[-1],), p[name + ".weight"], p[name + ".bias"], eps)


def bert_layer(p, pre, x, mask, heads, eps):
    """BertLayer (RoBERTa and ELECTRA reuse it): post-LayerNorm self-attention and feed-forward."""
    b, n, d = x.shape
    hs = d // heads

    def split(t):
        return t.view(b, n, heads, hs).permute(0, 2, 1, 3)

    q = split(linear(p, pre + "attention.self.query", x))
    k = split(linear(p, pre + "attention.self.key", x))
    v = split(linear(p, pre + "attention.self.value", x))
    scores = q @ k.transpose(-1, -2) / math.sqrt(hs)
    # get_extended_attention_mask: (1 - mask) * finfo(dtype).min, broadcast over heads and queries.
    scores = scores + (1.0 - mask[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min
    probs = torch.softmax(scores, dim=-1)
    context = (probs @ v).permute(0, 2, 1, 3).reshape(b, n, d)
    attn = layer_norm(p, pre + "attention.output.LayerNorm", linear(p, pre + "attention.output.dense", context) + x, eps)
    inter = gelu(linear(p, pre + "intermediate.dense", attn))
    out = layer_norm(p, pre + "output.LayerNorm", linear(p, pre + "output.dense", inter) + attn, eps)
    return out, probs


def roberta_forward(p, cfg, ids, mask):
    pad = cfg["pad_token_id"]
    # create_position_ids_from_input_ids: positions count non-padding tokens, offset by padding_idx.
    m = ids.ne(pad).int()
    positions = (torch.cumsum(m, dim=1).type_as(m) * m).long() + pad
    types = torch.zeros_like(ids)
    e = p["roberta.embeddings.word_embeddings.weight"][ids] + p["roberta.embeddings.token_type_embeddings.weight"][types] \
        + p["roberta.embeddings.position_embeddings.weight"][positions]
    x = layer_norm(p, "roberta.embeddings.LayerNorm", e, cfg["layer_norm_eps"])
    attentions = []
    for l in range(cfg["num_hidden_layers"]):
        x, a = bert_layer(p, "roberta.encoder.layer.%d." % l, x, mask, cfg["num_attention_heads"], cfg["layer_norm_eps"])
        attentions.append(a)
    # RobertaClassificationHead: <s> -> dense -> tanh -> out_proj.
    h = torch.tanh(linear(p, "classifier.dense", x[:, 0, :]))
    return linear(p, "classifier.out_proj", h), attentions, x


def distilbert_forward(p, cfg, ids, mask):
    b, n = ids.shape
    positions = torch.arange(n).unsqueeze(0).expand(b, n)
    e = p["distilbert.embeddings.word_embeddings.weight"][ids] + p["distilbert.embeddings.position_embeddings.weight"][positions]
    x = layer_norm(p, "distilbert.embeddings.LayerNorm", e, 1e-12)
    heads, d = cfg["n_heads"], cfg["dim"]
    hs = d // heads
    attentions = []
    for l in range(cfg["n_layers"]):
        pre = "distilbert.transformer.layer.%d." % l

        def split(t):
            return t.view(b, n, heads, hs).transpose(1, 2)

        # MultiHeadSelfAttention: q scaled before the product; masked_fill(mask == 0, finfo.min).
        q = split(linear(p, pre + "attention.q_lin", x)) / math.sqrt(hs)
        k = split(linear(p, pre + "attention.k_lin", x))
        v = split(linear(p, pre + "attention.v_lin", x))
        scores = q @ k.transpose(2, 3)
        scores = scores.masked_fill((mask == 0).view(b, 1, 1, n).expand_as(scores), torch.finfo(scores.dtype).min)
        weights = torch.softmax(scores, dim=-1)
        context = (weights @ v).transpose(1, 2).reshape(b, n, d)
        sa = layer_norm(p, pre + "sa_layer_norm", linear(p, pre + "attention.out_lin", context) + x, 1e-12)
        ffn = linear(p, pre + "ffn.lin2", gelu(linear(p, pre + "ffn.lin1", sa)))
        x = layer_norm(p, pre + "output_layer_norm", ffn + sa, 1e-12)
        attentions.append(weights)
    # DistilBertForSequenceClassification: hidden[:, 0] -> pre_classifier -> ReLU -> classifier.
    h = torch.relu(linear(p, "pre_classifier", x[:, 0]))
    return linear(p, "classifier", h), attentions, x


def electra_forward(p, cfg, ids, mask):
    b, n = ids.shape
    positions = torch.arange(n).unsqueeze(0).expand(b, n)
    types = torch.zeros_like(ids)
    e = p["electra.embeddings.word_embeddings.weight"][ids] + p["electra.embeddings.position_embeddings.weight"][positions] \
        + p["electra.embeddings.token_type_embeddings.weight"][types]
    x = layer_norm(p, "electra.embeddings.LayerNorm", e, cfg["layer_norm_eps"])
    if cfg["embedding_size"] != cfg["hidden_size"]:
        x = linear(p, "electra.embeddings_project", x)
    attentions = []
    for l in range(cfg["num_hidden_layers"]):
        x, a = bert_layer(p, "electra.encoder.layer.%d." % l, x, mask, cfg["num_attention_heads"], cfg["layer_norm_eps"])
        attentions.append(a)
    # ElectraClassificationHead: first token -> dense -> gelu -> out_proj.
    h = gelu(linear(p, "classifier.dense", x[:, 0, :]))
    return linear(p, "classifier.out_proj", h), attentions, x


# ---------------------------------------------------------------------------------------------- weights

def dense_shapes(prefix, out, inp):
    return [(prefix + ".weight", (out, inp)), (prefix + ".bias", (out,))]


def norm_shapes(prefix, d):
    return [(prefix + ".weight", (d,)), (prefix + ".bias", (d,))]


def bert_layer_shapes(pre, d, inter):
    s = []
    for part in ("query", "key", "value"):
        s += dense_shapes(pre + "attention.self." + part, d, d)
    s += dense_shapes(pre + "attention.output.dense", d, d) + norm_shapes(pre + "attention.output.LayerNorm", d)
    s += dense_shapes(pre + "intermediate.dense", inter, d) + dense_shapes(pre + "output.dense", d, inter)
    s += norm_shapes(pre + "output.LayerNorm", d)
    return s


def random_weights(shapes, seed):
    g = torch.Generator().manual_seed(seed)
    p = {}
    for name, shape in shapes:
        gain = 1.0 if (name.endswith("LayerNorm.weight") or name.endswith("layer_norm.weight")) else 0.0
        p[name] = (gain + 0.5 * torch.randn(shape, generator=g)).to(torch.float32)
    return p


def labels_config(labels):
    return {"id2label": {str(i): l for i, l in enumerate(labels)}, "label2id": {l: i for i, l in enumerate(labels)}}


def roberta(vocab_size):
    d, inter, layers, heads, pad = 16, 32, 2, 4, 1
    cfg = {"architectures": ["RobertaForSequenceClassification"], "model_type": "roberta",
           "vocab_size": vocab_size, "hidden_size": d, "num_hidden_layers": layers, "num_attention_heads": heads,
           "intermediate_size": inter, "hidden_act": "gelu", "max_position_embeddings": 40, "type_vocab_size": 1,
           "layer_norm_eps": 1e-5, "pad_token_id": pad, "bos_token_id": 0, "eos_token_id": 2,
           "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "initializer_range": 0.02,
           "torch_dtype": "float32", "transformers_version": "4.40.0", **labels_config(["negative", "positive"])}
    s = [("roberta.embeddings.word_embeddings.weight", (vocab_size, d)),
         ("roberta.embeddings.position_embeddings.weight", (40, d)),
         ("roberta.embeddings.token_type_embeddings.weight", (1, d))] + norm_shapes("roberta.embeddings.LayerNorm", d)
    for l in range(layers):
        s += bert_layer_shapes("roberta.encoder.layer.%d." % l, d, inter)
    s += dense_shapes("classifier.dense", d, d) + dense_shapes("classifier.out_proj", 2, d)
    return cfg, s


def distilbert(vocab_size):
    d, inter, layers, heads = 16, 32, 2, 4
    cfg = {"architectures": ["DistilBertForSequenceClassification"], "model_type": "distilbert",
           "vocab_size": vocab_size, "dim": d, "n_layers": layers, "n_heads": heads, "hidden_dim": inter,
           "activation": "gelu", "max_position_embeddings": 40, "sinusoidal_pos_embds": False, "pad_token_id": 0,
           "dropout": 0.1, "attention_dropout": 0.1, "seq_classif_dropout": 0.2, "qa_dropout": 0.1,
           "tie_weights_": True, "initializer_range": 0.02, "torch_dtype": "float32",
           "transformers_version": "4.40.0", **labels_config(["negative", "neutral", "positive"])}
    s = [("distilbert.embeddings.word_embeddings.weight", (vocab_size, d)),
         ("distilbert.embeddings.position_embeddings.weight", (40, d))] + norm_shapes("distilbert.embeddings.LayerNorm", d)
    for l in range(layers):
        pre = "distilbert.transformer.layer.%d." % l
        for part in ("q_lin", "k_lin", "v_lin", "out_lin"):
            s += dense_shapes(pre + "attention." + part, d, d)
        s += norm_shapes(pre + "sa_layer_norm", d)
        s += dense_shapes(pre + "ffn.lin1", inter, d) + dense_shapes(pre + "ffn.lin2", d, inter)
        s += norm_shapes(pre + "output_layer_norm", d)
    s += dense_shapes("pre_classifier", d, d) + dense_shapes("classifier", 3, d)
    return cfg, s


def electra(vocab_size):
    e, d, inter, layers, heads = 8, 16, 32, 2, 4
    cfg = {"architectures": ["ElectraForSequenceClassification"], "model_type": "electra",
           "vocab_size": vocab_size, "embedding_size": e, "hidden_size": d, "num_hidden_layers": layers,
           "num_attention_heads": heads, "intermediate_size": inter, "hidden_act": "gelu",
           "max_position_embeddings": 40, "type_vocab_size": 2, "layer_norm_eps": 1e-12, "pad_token_id": 0,
           "summary_type": "first", "summary_use_proj": True, "summary_activation": "gelu",
           "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "initializer_range": 0.02,
           "torch_dtype": "float32", "transformers_version": "4.40.0", **labels_config(["negative", "positive"])}
    s = [("electra.embeddings.word_embeddings.weight", (vocab_size, e)),
         ("electra.embeddings.position_embeddings.weight", (40, e)),
         ("electra.embeddings.token_type_embeddings.weight", (2, e))] + norm_shapes("electra.embeddings.LayerNorm", e)
    s += dense_shapes("electra.embeddings_project", d, e)
    for l in range(layers):
        s += bert_layer_shapes("electra.encoder.layer.%d." % l, d, inter)
    s += dense_shapes("classifier.dense", d, d) + dense_shapes("classifier.out_proj", 2, d)
    return cfg, s


# ---------------------------------------------------------------------------------------------- output

def rounded(t):
    if isinstance(t, torch.Tensor):
        t = t.tolist()
    if isinstance(t, list):
        return [rounded(x) for x in t]
    return float("%.9g" % t)


def run(forward, p64, cfg, encoded, pad):
    """Single forwards and one right-padded batch; results cut to each input's length."""
    single = []
    for tokens, ids in encoded:
        t = torch.tensor([ids])
        logits, atts, last = forward(p64, cfg, t, torch.ones_like(t))
        single.append({"logits": rounded(logits[0]), "attentions": rounded(torch.stack([a[0] for a in atts])),
                       "last_hidden": rounded(last[0])})
    width = max(len(ids) for _, ids in encoded)
    ids = torch.tensor([ids + [pad] * (width - len(ids)) for _, ids in encoded])
    mask = torch.tensor([[1] * len(i) + [0] * (width - len(i)) for _, i in encoded])
    logits, atts, last = forward(p64, cfg, ids, mask)
    batch = []
    for b, (_, i) in enumerate(encoded):
        n = len(i)
        batch.append({"logits": rounded(logits[b]),
                      "attentions": rounded(torch.stack([a[b, :, :n, :n] for a in atts])),
                      "last_hidden": rounded(last[b, :n])})
    return single, batch


def write_fixture(name, cfg, shapes, tokenizer, encode, forward, pad, seed):
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    p = random_weights(shapes, seed)
    saved = dict(p)
    if name == "roberta":
        # Older RoBERTa checkpoints also carry the position_ids buffer: the loader must ignore it.
        saved["roberta.embeddings.position_ids"] = torch.arange(cfg["max_position_embeddings"]).unsqueeze(0)
    write_safetensors(os.path.join(d, "model.safetensors"), saved)
    with open(os.path.join(d, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    with open(os.path.join(d, "tokenizer.json"), "w") as f:
        json.dump(tokenizer, f, ensure_ascii=False, separators=(",", ":"))
    encoded = [encode(t) for t in TEXTS]
    p64 = {k: v.to(torch.float64) for k, v in p.items()}
    with torch.no_grad():
        single, batch = run(forward, p64, cfg, encoded, pad)
    expected = {"source": "scripts/make-architecture-fixtures.py (plain PyTorch %s, float64 forward)" % torch.__version__,
                "inputs": [{"text": t, "tokens": tok, "ids": ids, "single": s, "batch": b}
                           for t, (tok, ids), s, b in zip(TEXTS, encoded, single, batch)]}
    with open(os.path.join(d, "expected.json"), "w") as f:
        json.dump(expected, f, separators=(",", ":"))
    print(name, {f: os.path.getsize(os.path.join(d, f)) for f in sorted(os.listdir(d))})


def main():
    wp = wordpiece_vocab()
    wp_json = wordpiece_tokenizer_json(wp)
    merges = learn_merges(TEXTS, 40)
    bpe = bpe_vocab(merges)
    cfg, shapes = roberta(len(bpe))
    write_fixture("roberta", cfg, shapes, bpe_tokenizer_json(bpe, merges), lambda t: bpe_encode(bpe, merges, t),
                  roberta_forward, cfg["pad_token_id"], 11)
    cfg, shapes = distilbert(len(wp))
    write_fixture("distilbert", cfg, shapes, wp_json, lambda t: wordpiece_encode(wp, t), distilbert_forward, 0, 12)
    cfg, shapes = electra(len(wp))
    write_fixture("electra", cfg, shapes, wp_json, lambda t: wordpiece_encode(wp, t), electra_forward, 0, 13)


if __name__ == "__main__":
    main()
