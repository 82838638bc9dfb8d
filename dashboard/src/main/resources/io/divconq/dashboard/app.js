/*
 * divconq live A/B dashboard.
 *
 * Plain ES2020, no dependencies. Polls `api/experiment` and `api/timeseries`
 * (relative URLs, so the page also works behind a path prefix) every 2 s,
 * renders the first time immediately, never reloads the page, and keeps the
 * last good data on screen with a "connection lost" note when a fetch fails.
 *
 * DOM contract (an automated test reads the DOM):
 *   - per-arm table cells: data-arm="<arm>" data-field="<field>", textContent is
 *     exactly fmt.*(value). Fields: weight, problems, labelled, label_coverage,
 *     accuracy, accuracy_ci, cost_per_problem_usd, cost_usd_decompose,
 *     cost_usd_solve, cost_per_correct_usd, prompt_tokens, completion_tokens,
 *     latency_p50_ms, latency_p95_ms, latency_p99_ms, pipeline_latency_p50_ms,
 *     pipeline_latency_p95_ms, dead_letters,
 *     dead_letter_rate, shadow_agreement (= shadow.agreement) and
 *     shadow_agreement_ci (= shadow.agreement_ci).
 *   - verdict cards: data-treatment, data-metric; children data-field="verdict"
 *     (verdict string verbatim), data-field="difference" (fmt.diff),
 *     data-field="ci" (fmt.diffCi) and data-field="relative_difference".
 *   - #srm-status: "OK" or "ALARM" (srm.mismatch), "—" if there is no srm block.
 *   - #banner-simulated: visible (no `hidden`, no display:none) iff simulated === true.
 *   - body[data-loaded="true"] once both endpoints have been rendered.
 */
'use strict';

(function () {
  /* ======================================================================
   * fmt — every number shown on the page goes through these functions.
   *
   * Formatting rules:
   *   missing  null / undefined / non-number / NaN / ±Infinity -> "—" (U+2014 em dash)
   *   int      problems, labelled, prompt_tokens, completion_tokens, dead_letters,
   *            latency_*: String(Math.round(x)), no thousands separators ("190000")
   *   weight   Number(x.toFixed(1)).toString()                      ("50", "12.5")
   *   pct      accuracy, label_coverage, dead_letter_rate, shadow_agreement:
   *            (x * 100).toFixed(1) + "%"                           (0.678125 -> "67.8%")
   *   ci       [lo, hi] -> "[" + pct(lo) + ", " + pct(hi) + "]"    ("[61.0%, 74.0%]"),
   *            each null bound -> "—", a null/absent interval -> "—"
   *   usd      "$" + x.toPrecision(3) if |x| < 1, else "$" + x.toFixed(2)
   *            (0.000504 -> "$0.000504", 0.131 -> "$0.131", 12.5 -> "$12.50");
   *            a negative amount gets a leading "-" ("-$0.000161")
   *   pp       signed percentage points: (x * 100).toFixed(1) with "+" for positive,
   *            "-" for negative, no sign when it rounds to zero, then " pp"
   *            (-0.034 -> "-3.4 pp", 0.05 -> "+5.0 pp", 0 -> "0.0 pp")
   *   signedUsd  "+"/"-" then usd(|x|), no sign for zero   (-0.000161 -> "-$0.000161")
   *   signedPct  relative differences: like pp but with "%" ( -0.32 -> "-32.0%")
   *   diff     comparison difference by metric: accuracy / *rate / *coverage /
   *            *agreement -> pp; *usd / cost* -> signedUsd; latency / *_ms ->
   *            signed integer + " ms"; tokens / counts -> signed integer;
   *            anything else -> signed Number(x.toPrecision(3))
   *   diffCi   "[" + diff(lo) + ", " + diff(hi) + "]" ("[-12.0 pp, +5.0 pp]")
   *   time     local "YYYY-MM-DD HH:MM:SS"; clock: local "HH:MM:SS"
   * ==================================================================== */
  const DASH = '\u2014';

  const fmt = {
    DASH,
    missing(x) {
      return x === null || x === undefined || typeof x !== 'number' || !Number.isFinite(x);
    },
    int(x) {
      if (fmt.missing(x)) return DASH;
      const r = Math.round(x);
      return String(r === 0 ? 0 : r); // avoid "-0"
    },
    weight(x) {
      if (fmt.missing(x)) return DASH;
      return Number(x.toFixed(1)).toString();
    },
    pct(x) {
      if (fmt.missing(x)) return DASH;
      return (x * 100).toFixed(1) + '%';
    },
    ci(pair) {
      if (!Array.isArray(pair)) return DASH;
      return '[' + fmt.pct(pair[0]) + ', ' + fmt.pct(pair[1]) + ']';
    },
    usd(x) {
      if (fmt.missing(x)) return DASH;
      const a = Math.abs(x);
      const body = a < 1 ? a.toPrecision(3) : a.toFixed(2);
      return (x < 0 ? '-$' : '$') + body;
    },
    /* sign helper: "+" / "-" / "" (zero after rounding) for a formatted magnitude */
    _signed(x, magnitudeText, isZero) {
      if (isZero) return magnitudeText;
      return (x < 0 ? '-' : '+') + magnitudeText;
    },
    pp(x) {
      if (fmt.missing(x)) return DASH;
      const s = Math.abs(x * 100).toFixed(1);
      return fmt._signed(x, s, Number(s) === 0) + ' pp';
    },
    signedPct(x) {
      if (fmt.missing(x)) return DASH;
      const s = Math.abs(x * 100).toFixed(1);
      return fmt._signed(x, s, Number(s) === 0) + '%';
    },
    signedUsd(x) {
      if (fmt.missing(x)) return DASH;
      const mag = fmt.usd(Math.abs(x));
      return fmt._signed(x, mag, x === 0);
    },
    signedInt(x, unit) {
      if (fmt.missing(x)) return DASH;
      const r = Math.round(Math.abs(x));
      return fmt._signed(x, String(r), r === 0) + (unit ? ' ' + unit : '');
    },
    signedNum(x) {
      if (fmt.missing(x)) return DASH;
      const s = Number(Math.abs(x).toPrecision(3)).toString();
      return fmt._signed(x, s, Number(s) === 0);
    },
    /* plain number for parameters such as alpha / margin / chi-square */
    plain(x) {
      if (fmt.missing(x)) return DASH;
      return Number(x.toPrecision(4)).toString();
    },
    pValue(x) {
      if (fmt.missing(x)) return DASH;
      if (x < 0.0001) return '< 0.0001';
      return Number(x.toPrecision(2)).toString();
    },
    /* kind of a comparison metric: decides how differences and means are shown */
    metricKind(metric) {
      const m = String(metric || '').toLowerCase();
      if (m.includes('usd') || m.includes('cost') || m.includes('$')) return 'usd';
      if (m.includes('accuracy') || m.includes('rate') || m.includes('coverage') ||
          m.includes('agreement') || m.includes('share')) return 'pp';
      if (m.includes('latency') || m.endsWith('_ms')) return 'ms';
      if (m.includes('token') || m.includes('problems') || m.includes('labelled') ||
          m.includes('dead_letters') || m.includes('count')) return 'int';
      return 'num';
    },
    diff(metric, x) {
      switch (fmt.metricKind(metric)) {
        case 'usd': return fmt.signedUsd(x);
        case 'pp': return fmt.pp(x);
        case 'ms': return fmt.signedInt(x, 'ms');
        case 'int': return fmt.signedInt(x);
        default: return fmt.signedNum(x);
      }
    },
    diffCi(metric, pair) {
      if (!Array.isArray(pair)) return DASH;
      return '[' + fmt.diff(metric, pair[0]) + ', ' + fmt.diff(metric, pair[1]) + ']';
    },
    /* a metric's value (not a difference), e.g. treatment / control means */
    value(metric, x) {
      switch (fmt.metricKind(metric)) {
        case 'usd': return fmt.usd(x);
        case 'pp': return fmt.pct(x);
        case 'ms': return fmt.missing(x) ? DASH : fmt.int(x) + ' ms';
        case 'int': return fmt.int(x);
        default: return fmt.missing(x) ? DASH : Number(x.toPrecision(3)).toString();
      }
    },
    _two(n) { return String(n).padStart(2, '0'); },
    time(ms) {
      if (fmt.missing(ms)) return DASH;
      const d = new Date(ms);
      return d.getFullYear() + '-' + fmt._two(d.getMonth() + 1) + '-' + fmt._two(d.getDate()) +
        ' ' + fmt.clock(ms);
    },
    clock(ms) {
      if (fmt.missing(ms)) return DASH;
      const d = new Date(ms);
      return fmt._two(d.getHours()) + ':' + fmt._two(d.getMinutes()) + ':' + fmt._two(d.getSeconds());
    },
    ago(ms) {
      if (fmt.missing(ms)) return '';
      const s = Math.round((Date.now() - ms) / 1000);
      if (s < -5) return ''; // clock skew: say nothing rather than something wrong
      if (s < 60) return Math.max(0, s) + ' s ago';
      if (s < 3600) return Math.floor(s / 60) + ' min ago';
      if (s < 86400) return Math.floor(s / 3600) + ' h ago';
      return Math.floor(s / 86400) + ' d ago';
    },
  };

  /* ======================================================================
   * Small DOM helpers (textContent only: no HTML injection from data)
   * ==================================================================== */
  const SVG_NS = 'http://www.w3.org/2000/svg';

  function setAttrs(el, attrs) {
    if (!attrs) return;
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') el.textContent = String(v);
      else if (k === 'class') el.setAttribute('class', v);
      else el.setAttribute(k, String(v));
    }
  }

  function appendKids(el, kids) {
    for (const c of kids.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : String(c));
    }
  }

  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    setAttrs(el, attrs);
    appendKids(el, kids);
    return el;
  }

  function s(tag, attrs, ...kids) {
    const el = document.createElementNS(SVG_NS, tag);
    setAttrs(el, attrs);
    appendKids(el, kids);
    return el;
  }

  const $ = (id) => document.getElementById(id);

  function setVisible(el, visible) {
    if (!el) return;
    el.hidden = !visible;
    el.style.display = visible ? '' : 'none';
  }

  /* ======================================================================
   * State and arm colours (stable across polls: an arm keeps its colour)
   * ==================================================================== */
  const PALETTE = ['#3b5bdb', '#e8590c', '#0ca678', '#ae3ec9', '#f08c00',
    '#d6336c', '#1098ad', '#74b816', '#5f3dc4', '#868e96'];

  const state = {
    experiment: null,
    timeseries: null,
    expText: null,
    tsText: null,
    renderedExp: false,
    renderedTs: false,
    lastSuccessMs: null,
    colors: new Map(),
    roles: new Map(),
    chartWidths: new Map(),
  };

  function colorOf(arm) {
    if (!state.colors.has(arm)) {
      state.colors.set(arm, PALETTE[state.colors.size % PALETTE.length]);
    }
    return state.colors.get(arm);
  }

  /* register arms: control first, then treatments in JSON order, then any other */
  function registerArms(exp, ts) {
    if (exp && Array.isArray(exp.arms)) {
      const arms = exp.arms.filter((a) => a && a.arm != null);
      const control = arms.filter((a) => a.role === 'control' || a.arm === exp.control);
      for (const a of control.concat(arms)) colorOf(String(a.arm));
      for (const a of arms) state.roles.set(String(a.arm), a.role || '');
      if (exp.control != null) colorOf(String(exp.control));
    }
    if (ts) {
      for (const p of (ts.cumulative || []).concat(ts.windows || [])) {
        if (p && p.arm != null) colorOf(String(p.arm));
      }
    }
  }

  function swatch(arm) {
    return h('span', { class: 'swatch', style: 'background:' + colorOf(arm), 'aria-hidden': 'true' });
  }

  /* ======================================================================
   * Header, banner
   * ==================================================================== */
  function renderHeader(exp) {
    const name = exp.experiment != null ? String(exp.experiment) : '(unnamed experiment)';
    $('experiment-name').textContent = name;
    document.title = name + ' · divconq dashboard';

    const control = $('meta-control');
    control.replaceChildren();
    if (exp.control != null) control.append(swatch(String(exp.control)), String(exp.control));
    else control.textContent = DASH;

    $('meta-updated').textContent = fmt.time(exp.updated_at_ms);
    updateAgo();

    const alpha = $('meta-alpha');
    alpha.replaceChildren(fmt.plain(exp.alpha));
    if (!fmt.missing(exp.alpha) && exp.alpha > 0 && exp.alpha < 1) {
      alpha.append(' ', h('span', { class: 'muted', text: '(' + Number(((1 - exp.alpha) * 100).toPrecision(4)) + '% intervals)' }));
    }
    $('meta-margin').textContent = fmt.plain(exp.equivalence_margin);
    $('meta-prices').textContent = exp.price_table_version != null ? String(exp.price_table_version) : DASH;

    setVisible($('banner-simulated'), exp.simulated === true);
    document.body.classList.toggle('is-simulated', exp.simulated === true);
  }

  function updateAgo() {
    const exp = state.experiment;
    const el = $('meta-updated-ago');
    if (!exp || fmt.missing(exp.updated_at_ms)) { el.textContent = ''; return; }
    const ago = fmt.ago(exp.updated_at_ms);
    el.textContent = ago ? '(' + ago + ')' : '';
    const stale = Date.now() - exp.updated_at_ms > 30000;
    el.classList.toggle('stale', stale);
    if (state.lastSuccessMs) $('footer-fetched').textContent = 'last fetched ' + fmt.clock(state.lastSuccessMs);
  }

  /* ======================================================================
   * Per-arm table
   * ==================================================================== */
  const ARM_COLUMNS = [
    // [field, formatter(arm) -> text, extra class]
    ['weight', (a) => fmt.weight(a.weight), ''],
    ['problems', (a) => fmt.int(a.problems), ''],
    ['labelled', (a) => fmt.int(a.labelled), 'group-start'],
    ['label_coverage', (a) => fmt.pct(a.label_coverage), ''],
    ['accuracy', (a) => fmt.pct(a.accuracy), 'group-start strong'],
    ['accuracy_ci', (a) => fmt.ci(a.accuracy_ci), 'ci'],
    ['cost_per_problem_usd', (a) => fmt.usd(a.cost_per_problem_usd), 'group-start strong'],
    ['cost_usd_decompose', (a) => fmt.usd(a.cost_usd_decompose), 'sub'],
    ['cost_usd_solve', (a) => fmt.usd(a.cost_usd_solve), 'sub'],
    ['cost_per_correct_usd', (a) => fmt.usd(a.cost_per_correct_usd), 'strong'],
    ['prompt_tokens', (a) => fmt.int(a.prompt_tokens), 'group-start'],
    ['completion_tokens', (a) => fmt.int(a.completion_tokens), ''],
    ['latency_p50_ms', (a) => fmt.int(a.latency_p50_ms), 'group-start'],
    ['latency_p95_ms', (a) => fmt.int(a.latency_p95_ms), ''],
    ['latency_p99_ms', (a) => fmt.int(a.latency_p99_ms), ''],
    ['pipeline_latency_p50_ms', (a) => fmt.int(a.pipeline_latency_p50_ms), ''],
    ['pipeline_latency_p95_ms', (a) => fmt.int(a.pipeline_latency_p95_ms), ''],
    ['dead_letters', (a) => fmt.int(a.dead_letters), 'group-start'],
    ['dead_letter_rate', (a) => fmt.pct(a.dead_letter_rate), ''],
    ['shadow_agreement', (a) => fmt.pct(a.shadow ? a.shadow.agreement : null), 'group-start'],
    ['shadow_agreement_ci', (a) => (a.shadow ? fmt.ci(a.shadow.agreement_ci) : DASH), 'ci'],
  ];

  function cellTitle(field, a) {
    switch (field) {
      case 'accuracy':
        return fmt.missing(a.correct) ? null : a.correct + ' correct of ' + fmt.int(a.labelled) + ' labelled';
      case 'cost_usd_decompose': return 'total USD spent on decompose calls';
      case 'cost_usd_solve': return 'total USD spent on solve calls';
      case 'shadow_agreement':
      case 'shadow_agreement_ci':
        if (!a.shadow) return 'no shadow traffic for this arm';
        return (a.shadow.compared_with === 'control-vs-control' ? 'control vs control (agreement floor): ' : '') +
          fmt.int(a.shadow.agreements) + ' of ' + fmt.int(a.shadow.pairs) + ' shadow pairs agree; ' +
          fmt.int(a.shadow.sampled) + ' sampled, ' + fmt.int(a.shadow.skipped) + ' skipped (queue full), ' +
          fmt.int(a.shadow.failures) + ' failed; shadow cost ' + fmt.usd(a.shadow.cost_usd);
      default: return null;
    }
  }

  function renderArms(exp) {
    const body = $('arms-body');
    const arms = Array.isArray(exp.arms) ? exp.arms.filter((a) => a && a.arm != null) : [];
    if (arms.length === 0) {
      body.replaceChildren(h('tr', null, h('td', { colspan: 22, class: 'empty', text: 'No arms yet.' })));
      return;
    }
    const guarded = new Set((exp.guardrails || []).map((g) => g && String(g.arm)));
    const rows = arms.map((a) => {
      const name = String(a.arm);
      const role = a.role ? String(a.role) : '';
      const head = h('th', { scope: 'row', class: 'left arm-cell' },
        h('span', { class: 'arm-line' }, swatch(name), h('span', { class: 'arm-name', text: name })),
        h('span', { class: 'arm-tags' },
          role ? h('span', { class: 'role role-' + role.replace(/[^a-z]/gi, ''), text: role }) : null,
          guarded.has(name) ? h('span', { class: 'role role-guardrail', title: 'a guardrail fired for this arm', text: 'guardrail' }) : null));
      const cells = ARM_COLUMNS.map(([field, f, cls]) => {
        const text = f(a);
        return h('td', {
          'data-arm': name,
          'data-field': field,
          class: (cls + (text === DASH ? ' na' : '') +
            (field === 'dead_letter_rate' && !fmt.missing(a.dead_letter_rate) && a.dead_letter_rate >= 0.05 ? ' warn' : '')).trim() || null,
          title: cellTitle(field, a),
          text,
        });
      });
      const cls = (a.weight === 0 ? 'inactive ' : '') + (role === 'control' ? 'is-control' : '');
      return h('tr', { class: cls.trim() || null }, head, cells);
    });
    body.replaceChildren(...rows);
  }

  /* ======================================================================
   * Verdict cards
   * ==================================================================== */
  const METRIC_LABELS = {
    accuracy: 'Accuracy',
    cost_per_problem_usd: '$ per problem',
    cost_per_correct_usd: '$ per correct answer',
    latency_p50_ms: 'Latency p50',
    latency_p95_ms: 'Latency p95',
    latency_p99_ms: 'Latency p99',
    dead_letter_rate: 'Dead-letter rate',
    shadow_agreement: 'Shadow agreement',
  };

  const VERDICT_CLASS = {
    BETTER: 'v-better',
    WORSE: 'v-worse',
    EQUIVALENT: 'v-equivalent',
    NO_DIFFERENCE_YET: 'v-nodiff',
  };

  function verdictHint(verdict, metric) {
    const cost = fmt.metricKind(metric) === 'usd';
    switch (verdict) {
      case 'BETTER': return cost ? 'treatment is cheaper' : 'treatment is better';
      case 'WORSE': return cost ? 'treatment costs more' : 'treatment is worse';
      case 'EQUIVALENT': return 'within the equivalence margin';
      case 'NO_DIFFERENCE_YET': return 'not conclusive yet — keep collecting';
      default: return '';
    }
  }

  /* a tiny horizontal interval plot: zero line, interval, point estimate */
  function ciStrip(c) {
    const lo = c.ci && !fmt.missing(c.ci[0]) ? c.ci[0] : null;
    const hi = c.ci && !fmt.missing(c.ci[1]) ? c.ci[1] : null;
    const d = fmt.missing(c.difference) ? null : c.difference;
    const vals = [lo, hi, d].filter((v) => v !== null).map(Math.abs);
    if (vals.length === 0) return null;
    const m = Math.max(...vals) * 1.15 || 1;
    const W = 240, H = 22, pad = 6;
    const x = (v) => pad + ((v + m) / (2 * m)) * (W - 2 * pad);
    const svg = s('svg', { class: 'ci-strip', viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img',
      'aria-label': 'confidence interval relative to zero' });
    svg.append(s('line', { x1: x(0), x2: x(0), y1: 1, y2: H - 1, class: 'zero' }));
    if (lo !== null || hi !== null) {
      const a = x(lo !== null ? lo : -m), b = x(hi !== null ? hi : m);
      svg.append(s('rect', { x: Math.min(a, b), y: H / 2 - 4, width: Math.max(1.5, Math.abs(b - a)), height: 8, rx: 3, class: 'interval' }));
    }
    if (d !== null) svg.append(s('rect', { x: x(d) - 1.5, y: 2, width: 3, height: H - 4, class: 'point' }));
    return svg;
  }

  /** Per dataset and arm: problems, each measure of the dataset's metric, share correct, $ per problem. */
  function renderDatasets(exp) {
    const body = $('datasets-body');
    const arms = Array.isArray(exp.arms) ? exp.arms.filter((a) => a && a.arm != null && a.datasets) : [];
    const rows = [];
    const names = new Set();
    arms.forEach((a) => Object.keys(a.datasets).forEach((d) => names.add(d)));
    [...names].sort().forEach((d) => arms.forEach((a) => {
      const s = a.datasets[d];
      if (!s) return;
      const measures = Object.entries(s.measures || {}).map(([m, v]) => m + ' ' + fmt.pct(v)).join(', ');
      rows.push(h('tr', { 'data-dataset': d, 'data-dataset-arm': String(a.arm) },
        h('th', { scope: 'row', class: 'left', text: d }),
        h('td', { class: 'left' }, swatch(String(a.arm)), String(a.arm)),
        h('td', { text: fmt.int(s.problems) }),
        h('td', { class: 'left', text: measures || DASH }),
        h('td', { text: fmt.pct(s.correct_share) }),
        h('td', { text: fmt.usd(s.cost_per_problem_usd) })));
    }));
    body.replaceChildren(...(rows.length ? rows
      : [h('tr', null, h('td', { colspan: 6, class: 'empty', text: 'No scored problems yet.' }))]));
  }

  function renderVerdicts(exp) {
    const box = $('verdicts');
    const comps = Array.isArray(exp.comparisons) ? exp.comparisons.filter(Boolean) : [];
    if (comps.length === 0) {
      box.replaceChildren(h('p', { class: 'empty', text: 'No comparisons yet (they appear once a treatment arm has data).' }));
      return;
    }
    const control = exp.control != null ? String(exp.control) : 'control';
    const cards = comps.map((c) => {
      const verdict = c.verdict != null ? String(c.verdict) : DASH;
      const metric = c.metric != null ? String(c.metric) : '';
      const treatment = c.treatment != null ? String(c.treatment) : '';
      const dataset = c.dataset != null ? String(c.dataset) : '';
      return h('article', {
        class: 'verdict ' + (VERDICT_CLASS[verdict] || 'v-nodiff'),
        'data-treatment': treatment,
        'data-metric': metric,
        'data-dataset': dataset || 'all',
      },
      h('header', { class: 'verdict-head' },
        h('span', { class: 'metric-name', text: (METRIC_LABELS[metric] || metric) + (dataset ? ' \u00b7 ' + dataset : '') }),
        h('span', { class: 'verdict-badge', 'data-field': 'verdict', text: verdict })),
      h('div', { class: 'versus' }, swatch(treatment), treatment, h('span', { class: 'muted', text: ' vs ' }), swatch(control), control,
        h('span', { class: 'muted', text: ' (control)' })),
      h('div', { class: 'verdict-main' },
        h('span', { class: 'diff', 'data-field': 'difference', text: fmt.diff(metric, c.difference) }),
        h('span', { class: 'rel' },
          h('span', { 'data-field': 'relative_difference', text: fmt.signedPct(c.relative_difference) }),
          h('span', { class: 'muted', text: ' relative' }))),
      ciStrip(c),
      h('dl', { class: 'verdict-facts' },
        h('div', null, h('dt', { text: 'Always-valid CI' }), h('dd', { 'data-field': 'ci', text: fmt.diffCi(metric, c.ci) })),
        h('div', null, h('dt', { text: 'Means' }),
          h('dd', { text: fmt.value(metric, c.treatment_mean) + ' vs ' + fmt.value(metric, c.control_mean) })),
        h('div', null, h('dt', { text: 'Samples' }),
          h('dd', { text: fmt.int(c.samples_treatment) + ' vs ' + fmt.int(c.samples_control) })),
        h('div', null, h('dt', { text: 'First decided' }),
          h('dd', { 'data-field': 'first_decided', text: c.first_decided
            ? 'after ' + fmt.int(c.first_decided.samples_treatment) + ' vs ' + fmt.int(c.first_decided.samples_control)
            : 'not yet' }))),
      h('p', { class: 'verdict-hint', text: verdictHint(verdict, metric) }));
    });
    box.replaceChildren(...cards);
  }

  /* ======================================================================
   * SRM
   * ==================================================================== */
  function renderSrm(exp) {
    const status = $('srm-status');
    const body = $('srm-body');
    const srm = exp.srm;
    if (!srm || typeof srm !== 'object') {
      status.textContent = DASH;
      status.className = 'srm-badge';
      body.replaceChildren(h('p', { class: 'empty', text: 'No sample-ratio data yet.' }));
      return;
    }
    const alarm = srm.mismatch === true;
    status.textContent = alarm ? 'ALARM' : 'OK';
    status.className = 'srm-badge ' + (alarm ? 'srm-alarm' : 'srm-ok');

    const observed = srm.observed || {};
    const expected = srm.expected_share || {};
    const arms = [];
    for (const k of Object.keys(expected).concat(Object.keys(observed))) if (!arms.includes(k)) arms.push(k);
    const total = arms.reduce((t, k) => t + (fmt.missing(observed[k]) ? 0 : observed[k]), 0);

    const rows = arms.map((k) => {
      const obs = observed[k];
      const share = fmt.missing(obs) || total === 0 ? null : obs / total;
      const exShare = expected[k];
      const exCount = fmt.missing(exShare) ? null : exShare * total;
      return h('tr', null,
        h('th', { scope: 'row', class: 'left' }, swatch(k), k),
        h('td', { text: fmt.int(obs) }),
        h('td', { text: fmt.int(exCount) }),
        h('td', { text: fmt.pct(share) }),
        h('td', { text: fmt.pct(exShare) }));
    });

    body.replaceChildren(
      h('dl', { class: 'stats' },
        h('div', null, h('dt', { text: 'p-value' }), h('dd', { text: fmt.pValue(srm.p_value) })),
        h('div', null, h('dt', { text: 'chi-square' }),
          h('dd', null, fmt.missing(srm.chi_square) ? DASH : srm.chi_square.toFixed(2),
            fmt.missing(srm.degrees_of_freedom) ? null : h('span', { class: 'muted', text: ' (df ' + srm.degrees_of_freedom + ')' }))),
        h('div', null, h('dt', { text: 'assigned' }), h('dd', { text: fmt.int(total) }))),
      arms.length ? h('table', { class: 'mini' },
        h('thead', null, h('tr', null,
          h('th', { class: 'left', text: 'Arm' }), h('th', { text: 'Observed' }), h('th', { text: 'Expected' }),
          h('th', { text: 'Observed share' }), h('th', { text: 'Expected share' }))),
        h('tbody', null, rows)) : null,
      h('p', { class: 'panel-note', text: alarm
        ? 'Traffic does not split the way the weights say: assignment or logging is broken, so the comparisons above cannot be trusted.'
        : 'Traffic splits as the weights say (chi-square test of observed vs expected assignment counts).' }));
  }

  /* ======================================================================
   * Guardrail events and weight changes
   * ==================================================================== */
  function weightsText(weights, prev) {
    const parts = [];
    const keys = Object.keys(weights || {});
    for (const k of keys) {
      const now = fmt.weight(weights[k]);
      const before = prev && k in prev ? fmt.weight(prev[k]) : null;
      parts.push(h('span', { class: 'weight-item' }, swatch(k), k + ' ',
        before !== null && before !== now ? h('span', { class: 'muted', text: before + ' → ' }) : null,
        h('strong', { text: now })));
    }
    return parts.length ? parts : DASH;
  }

  function renderEvents(exp) {
    const box = $('events-body');
    const items = [];
    for (const g of exp.guardrails || []) {
      if (!g) continue;
      items.push({
        at: g.at_ms, kind: 'guardrail',
        what: [h('strong', null, swatch(String(g.arm)), String(g.arm != null ? g.arm : DASH)), ': ', h('code', { text: g.rule != null ? String(g.rule) : DASH })],
        why: g.reason, source: g.source != null ? g.source : 'guardrail',
      });
    }
    const changes = (exp.weight_changes || []).filter(Boolean).slice()
      .sort((a, b) => (a.at_ms || 0) - (b.at_ms || 0));
    let prev = null;
    for (const w of changes) {
      items.push({ at: w.at_ms, kind: 'weights', what: weightsText(w.weights, prev), why: w.reason, source: w.source });
      prev = w.weights || prev;
    }
    if (items.length === 0) {
      box.replaceChildren(h('p', { class: 'empty', text: 'No guardrail events or weight changes yet.' }));
      return;
    }
    items.sort((a, b) => (fmt.missing(b.at) ? -Infinity : b.at) - (fmt.missing(a.at) ? -Infinity : a.at));
    box.replaceChildren(h('table', { class: 'mini events' },
      h('thead', null, h('tr', null,
        h('th', { class: 'left', text: 'Time' }), h('th', { class: 'left', text: 'Type' }), h('th', { class: 'left', text: 'What' }),
        h('th', { class: 'left', text: 'Why' }), h('th', { class: 'left', text: 'Source' }))),
      h('tbody', null, items.map((it) => h('tr', { class: 'ev-' + it.kind },
        h('td', { class: 'left nowrap', title: fmt.time(it.at), text: fmt.time(it.at) }),
        h('td', { class: 'left' }, h('span', { class: 'tag tag-' + it.kind, text: it.kind === 'guardrail' ? 'guardrail' : 'weights' })),
        h('td', { class: 'left' }, it.what),
        h('td', { class: 'left', text: it.why != null ? String(it.why) : DASH }),
        h('td', { class: 'left', text: it.source != null ? String(it.source) : DASH }))))));
  }

  /* ======================================================================
   * Charts (inline SVG)
   * ==================================================================== */
  function niceStep(raw) {
    if (!(raw > 0) || !Number.isFinite(raw)) return 1;
    const e = Math.floor(Math.log10(raw));
    const f = raw / Math.pow(10, e);
    const nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    return nf * Math.pow(10, e);
  }

  const clean = (v) => Number(v.toPrecision(12));

  const TIME_STEPS = [1, 2, 5, 10, 15, 30].map((x) => x * 1e3)
    .concat([1, 2, 5, 10, 15, 30].map((x) => x * 6e4))
    .concat([1, 2, 3, 6, 12].map((x) => x * 3.6e6))
    .concat([1, 2, 7, 14, 30].map((x) => x * 8.64e7));

  function timeTicks(min, max, maxTicks) {
    const span = max - min;
    let step = TIME_STEPS[TIME_STEPS.length - 1];
    for (const st of TIME_STEPS) { if (span / st <= maxTicks) { step = st; break; } }
    const tz = -new Date(min).getTimezoneOffset() * 6e4;
    const ticks = [];
    for (let t = Math.ceil((min + tz) / step) * step - tz; t <= max + 1e-6 && ticks.length < 200; t += step) ticks.push(t);
    const label = (t) => {
      const d = new Date(t);
      const two = fmt._two;
      if (step < 6e4) return two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
      if (step < 8.64e7) return two(d.getHours()) + ':' + two(d.getMinutes());
      return two(d.getMonth() + 1) + '-' + two(d.getDate());
    };
    return { ticks, label };
  }

  function decimalsFor(step) {
    return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  }

  const Y_FORMATS = {
    pct: (v, step) => (v * 100).toFixed(decimalsFor(step * 100)) + '%',
    usd: (v, step) => '$' + v.toFixed(decimalsFor(step)),
    num: (v, step) => v.toFixed(decimalsFor(step)),
  };

  let clipSeq = 0;

  /*
   * cfg: { series: [{ name, color, points: [{x, y, lo, hi, tip}] }],
   *        yFormat: 'pct'|'usd'|'num', clamp: [min, max] | null, includeZero,
   *        band, xPad (ms, used when all points share one x), yLabel, emptyText }
   */
  function lineChart(box, cfg) {
    const W = Math.max(300, Math.floor(box.clientWidth || 640));
    const H = cfg.height || 250;
    state.chartWidths.set(box.id, W);

    const finite = (v) => typeof v === 'number' && Number.isFinite(v);
    const xs = [], ys = [];
    for (const sr of cfg.series) {
      for (const p of sr.points) {
        if (!finite(p.x)) continue;
        const vals = [p.y, cfg.band ? p.lo : null, cfg.band ? p.hi : null].filter(finite);
        if (vals.length === 0) continue;
        xs.push(p.x);
        ys.push(...vals);
      }
    }

    const svg = s('svg', { class: 'chart-svg', viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img',
      'aria-label': cfg.ariaLabel || 'chart', preserveAspectRatio: 'xMidYMid meet' });

    if (xs.length === 0) {
      const EH = 140;
      svg.setAttribute('viewBox', `0 0 ${W} ${EH}`);
      svg.append(
        s('rect', { x: 0.5, y: 0.5, width: W - 1, height: EH - 1, class: 'empty-frame', rx: 6 }),
        s('text', { x: W / 2, y: EH / 2, class: 'empty-text', 'text-anchor': 'middle', 'dominant-baseline': 'middle',
          text: cfg.emptyText || 'No data yet' }));
      box.replaceChildren(svg);
      return;
    }

    /* ---- y domain ---- */
    let yMin = Math.min(...ys), yMax = Math.max(...ys);
    if (cfg.includeZero) { yMin = Math.min(0, yMin); yMax = Math.max(0, yMax); }
    if (yMin === yMax) {
      const pad = Math.abs(yMin) * 0.1 || (cfg.yFormat === 'pct' ? 0.05 : 1);
      yMin -= pad; yMax += pad;
    } else {
      const pad = (yMax - yMin) * 0.06;
      if (!(cfg.includeZero && yMin === 0)) yMin -= pad;
      yMax += pad;
    }
    if (cfg.clamp) { yMin = Math.max(cfg.clamp[0], yMin); yMax = Math.min(cfg.clamp[1], yMax); }
    if (cfg.includeZero && Math.min(...ys) >= 0) yMin = Math.max(0, yMin);
    const yStep = niceStep((yMax - yMin) / 5);
    yMin = clean(Math.floor(yMin / yStep) * yStep);
    yMax = clean(Math.ceil(yMax / yStep) * yStep);
    if (cfg.clamp) { yMin = Math.max(cfg.clamp[0], yMin); yMax = Math.min(cfg.clamp[1], yMax); }
    if (yMax <= yMin) yMax = yMin + yStep;
    const yTicks = [];
    for (let i = 0, v = yMin; v <= yMax + yStep * 1e-6 && i < 50; i++, v = clean(yMin + i * yStep)) yTicks.push(v);
    const yFmt = Y_FORMATS[cfg.yFormat] || Y_FORMATS.num;
    const yLabels = yTicks.map((v) => yFmt(v, yStep));

    /* ---- layout ---- */
    const m = { top: 14, right: 18, bottom: 30, left: Math.max(...yLabels.map((t) => t.length)) * 7 + 16 };
    const pw = W - m.left - m.right, ph = H - m.top - m.bottom;

    /* ---- x domain ---- */
    let xMin = Math.min(...xs), xMax = Math.max(...xs);
    if (xMin === xMax) { const pad = cfg.xPad || 30000; xMin -= pad; xMax += pad; }
    const xPadFrac = (xMax - xMin) * 0.02;
    xMin -= xPadFrac; xMax += xPadFrac;

    const X = (v) => m.left + ((v - xMin) / (xMax - xMin)) * pw;
    const Y = (v) => m.top + (1 - (v - yMin) / (yMax - yMin)) * ph;
    const r1 = (v) => Math.round(v * 10) / 10;

    /* ---- grid and axes ---- */
    const grid = s('g', { class: 'grid' });
    yTicks.forEach((v, i) => {
      const y = r1(Y(v));
      grid.append(
        s('line', { x1: m.left, x2: m.left + pw, y1: y, y2: y, class: i === 0 ? 'axis' : 'gridline' }),
        s('text', { x: m.left - 8, y, 'text-anchor': 'end', 'dominant-baseline': 'middle', class: 'tick', text: yLabels[i] }));
    });
    const { ticks: xTicks, label: xLabel } = timeTicks(xMin, xMax, Math.max(2, Math.floor(pw / 95)));
    for (const t of xTicks) {
      const x = r1(X(t));
      grid.append(
        s('line', { x1: x, x2: x, y1: m.top, y2: m.top + ph, class: 'gridline vertical' }),
        s('line', { x1: x, x2: x, y1: m.top + ph, y2: m.top + ph + 5, class: 'axis' }),
        s('text', { x, y: m.top + ph + 18, 'text-anchor': 'middle', class: 'tick', text: xLabel(t) }));
    }
    grid.append(s('line', { x1: m.left, x2: m.left, y1: m.top, y2: m.top + ph, class: 'axis' }));
    svg.append(grid);

    const clipId = 'clip-' + (++clipSeq);
    svg.append(s('defs', null, s('clipPath', { id: clipId },
      s('rect', { x: m.left, y: m.top - 4, width: pw, height: ph + 8 }))));
    const plot = s('g', { 'clip-path': `url(#${clipId})` });
    const markers = s('g', { class: 'markers' });

    /* ---- series ---- */
    for (const sr of cfg.series) {
      const pts = sr.points.filter((p) => finite(p.x)).sort((a, b) => a.x - b.x);
      if (pts.length === 0) continue;

      if (cfg.band) {
        // contiguous runs where both bounds exist -> shaded polygon; single -> error bar
        let run = [];
        const flush = () => {
          if (run.length === 1) {
            const p = run[0], x = r1(X(p.x));
            plot.append(s('line', { x1: x, x2: x, y1: r1(Y(p.lo)), y2: r1(Y(p.hi)), stroke: sr.color, class: 'errbar' }));
          } else if (run.length > 1) {
            const top = run.map((p, i) => (i ? 'L' : 'M') + r1(X(p.x)) + ' ' + r1(Y(p.hi))).join(' ');
            const bottom = run.slice().reverse().map((p) => 'L' + r1(X(p.x)) + ' ' + r1(Y(p.lo))).join(' ');
            plot.append(s('path', { d: top + ' ' + bottom + ' Z', fill: sr.color, class: 'band' }));
          }
          run = [];
        };
        for (const p of pts) { if (finite(p.lo) && finite(p.hi)) run.push(p); else flush(); }
        flush();
      }

      // line: contiguous runs of finite y; isolated points become dots
      let run = [];
      const flushLine = () => {
        if (run.length === 1) {
          markers.append(s('circle', { cx: r1(X(run[0].x)), cy: r1(Y(run[0].y)), r: 3.5, fill: sr.color, class: 'dot' }));
        } else if (run.length > 1) {
          const d = run.map((p, i) => (i ? 'L' : 'M') + r1(X(p.x)) + ' ' + r1(Y(p.y))).join(' ');
          plot.append(s('path', { d, stroke: sr.color, class: 'line' }));
        }
        run = [];
      };
      for (const p of pts) { if (finite(p.y)) run.push(p); else flushLine(); }
      flushLine();

      const withY = pts.filter((p) => finite(p.y));
      const showDots = withY.length <= 60;
      for (const p of withY.length <= 400 ? withY : []) {
        const cx = r1(X(p.x)), cy = r1(Y(p.y));
        if (showDots) markers.append(s('circle', { cx, cy, r: 2.6, fill: '#fff', stroke: sr.color, class: 'dot' }));
        markers.append(s('circle', { cx, cy, r: 7, class: 'hit' }, s('title', { text: p.tip || '' })));
      }
    }
    svg.append(plot, markers);
    box.replaceChildren(svg);
  }

  function groupByArm(points) {
    const map = new Map();
    for (const p of points || []) {
      if (!p || p.arm == null) continue;
      const k = String(p.arm);
      if (!map.has(k)) map.set(k, []);
      map.get(k).push(p);
    }
    return map;
  }

  function orderedArms(...maps) {
    const names = new Set();
    for (const m of maps) for (const k of m.keys()) names.add(k);
    for (const k of names) colorOf(k);
    return Array.from(state.colors.keys()).filter((k) => names.has(k));
  }

  function renderLegend(exp, ts) {
    const names = new Set();
    if (exp && Array.isArray(exp.arms)) exp.arms.forEach((a) => a && a.arm != null && names.add(String(a.arm)));
    if (ts) (ts.cumulative || []).concat(ts.windows || []).forEach((p) => p && p.arm != null && names.add(String(p.arm)));
    const items = Array.from(state.colors.keys()).filter((k) => names.has(k)).map((k) =>
      h('li', { 'data-series': k }, h('span', { class: 'legend-line', style: 'background:' + colorOf(k) }), k,
        state.roles.get(k) ? h('span', { class: 'muted', text: ' ' + state.roles.get(k) }) : null));
    $('legend').replaceChildren(...items);
  }

  function renderCharts() {
    const ts = state.timeseries || {};
    const exp = state.experiment;
    registerArms(exp, ts);
    renderLegend(exp, ts);

    const cum = groupByArm(ts.cumulative);
    const win = groupByArm(ts.windows);
    const windowMs = fmt.missing(ts.window_ms) ? null : ts.window_ms;
    $('throughput-window').textContent = windowMs
      ? '(problems/s per ' + Number((windowMs / 1000).toPrecision(4)) + ' s tumbling window)'
      : '(problems/s per tumbling window)';

    const cumArms = orderedArms(cum);
    lineChart($('chart-accuracy'), {
      ariaLabel: 'cumulative accuracy per arm over time',
      yFormat: 'pct', clamp: [0, 1], band: true, height: 270,
      emptyText: 'No accuracy data yet',
      series: cumArms.map((k) => ({
        name: k, color: colorOf(k),
        points: cum.get(k).map((p) => ({
          x: p.at_ms, y: p.accuracy,
          lo: Array.isArray(p.accuracy_ci) ? p.accuracy_ci[0] : null,
          hi: Array.isArray(p.accuracy_ci) ? p.accuracy_ci[1] : null,
          tip: `${k} · ${fmt.time(p.at_ms)}\naccuracy ${fmt.pct(p.accuracy)} ${fmt.ci(p.accuracy_ci)}\n${fmt.int(p.problems)} problems`,
        })),
      })),
    });

    lineChart($('chart-cost'), {
      ariaLabel: 'cumulative dollars per correct answer per arm over time',
      yFormat: 'usd', includeZero: true, height: 240,
      emptyText: 'No cost data yet',
      series: cumArms.map((k) => ({
        name: k, color: colorOf(k),
        points: cum.get(k).map((p) => ({
          x: p.at_ms, y: p.cost_per_correct_usd,
          tip: `${k} · ${fmt.time(p.at_ms)}\n${fmt.usd(p.cost_per_correct_usd)} per correct answer\n${fmt.int(p.problems)} problems`,
        })),
      })),
    });

    const winArms = orderedArms(win);
    lineChart($('chart-throughput'), {
      ariaLabel: 'throughput per arm per tumbling window',
      yFormat: 'num', includeZero: true, height: 240,
      xPad: windowMs || 10000,
      emptyText: 'No windows yet',
      series: winArms.map((k) => ({
        name: k, color: colorOf(k),
        points: win.get(k).map((p) => {
          const start = p.window_start_ms;
          const mid = fmt.missing(start) ? null : start + (windowMs || 0) / 2;
          const tp = fmt.missing(p.throughput_per_s) ? null : p.throughput_per_s;
          return {
            x: mid, y: tp,
            tip: `${k} · window from ${fmt.time(start)}\n${tp === null ? DASH : Number(tp.toPrecision(4))} problems/s (${fmt.int(p.problems)} problems)` +
              `\naccuracy ${fmt.pct(p.accuracy)} · ${fmt.usd(p.cost_per_correct_usd)} per correct`,
          };
        }),
      })),
    });
  }

  /* ======================================================================
   * Polling
   * ==================================================================== */
  const POLL_MS = 2000;
  const TIMEOUT_MS = 8000;

  async function fetchJson(url) {
    const ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    const timer = ctrl ? setTimeout(() => ctrl.abort(), TIMEOUT_MS) : null;
    try {
      const res = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' }, signal: ctrl ? ctrl.signal : undefined });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      const text = await res.text();
      const data = JSON.parse(text);
      if (!data || typeof data !== 'object') throw new Error('unexpected response');
      return { text, data };
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  function guarded(what, fn) {
    try { fn(); return true; } catch (err) {
      console.error('dashboard: rendering ' + what + ' failed', err);
      return false;
    }
  }

  function renderExperiment() {
    const exp = state.experiment;
    registerArms(exp, state.timeseries);
    const ok = [
      guarded('header', () => renderHeader(exp)),
      guarded('arms', () => renderArms(exp)),
      guarded('datasets', () => renderDatasets(exp)),
      guarded('verdicts', () => renderVerdicts(exp)),
      guarded('srm', () => renderSrm(exp)),
      guarded('events', () => renderEvents(exp)),
    ];
    return ok.every(Boolean);
  }

  function setConnection(errors) {
    const note = $('connection-status');
    const dot = $('live-indicator');
    const text = $('live-text');
    if (errors.length === 0) {
      setVisible(note, false);
      dot.className = 'live-dot ok';
      text.textContent = 'live';
      return;
    }
    const since = state.lastSuccessMs
      ? 'Showing data last fetched at ' + fmt.clock(state.lastSuccessMs)
      : (state.renderedExp || state.renderedTs ? 'Showing partial data' : 'No data yet');
    $('connection-detail').textContent = '(' + errors.join('; ') + '). ' + since + '; retrying every 2 s.';
    setVisible(note, true);
    dot.className = 'live-dot lost';
    text.textContent = 'connection lost';
  }

  /** Panels read from the Prometheus text at metrics: each shows only when this process has what it reports. */
  async function pollMetrics() {
    try {
      const res = await fetch('metrics', { cache: 'no-store' });
      if (!res.ok) return;
      const lines = (await res.text()).split('\n');
      renderGateway(lines);
      renderEndpoints(lines);
    } catch (err) {
      /* the panels keep what they showed; the main poll reports connection trouble */
    }
  }

  /** The gateway's cache counters. */
  function renderGateway(lines) {
    const m = {};
    for (const line of lines) {
      const found = /^divconq_gateway_cache_(lookups|hits|saved_usd)_total(?:\{[^}]*\})? (\S+)$/.exec(line);
      if (found) m[found[1]] = Number(found[2]);
    }
    if (m.lookups === undefined) return;
    setVisible($('gateway-panel'), true);
    const rate = m.lookups > 0 ? (100 * m.hits / m.lookups).toFixed(1) + '%' : '—';
    $('gateway-body').textContent = 'hits ' + m.hits + ' of ' + m.lookups + ' lookups (hit rate ' + rate + '), $'
      + (m.saved_usd || 0).toFixed(6) + ' of model calls saved';
  }

  /** Each model endpoint's circuit breaker and the calls it holds while the endpoint is unavailable. */
  function renderEndpoints(lines) {
    const states = ['closed', 'probing (half-open)', 'open: calls held'];
    const endpoints = {};
    for (const line of lines) {
      const found = /^divconq_llm_(breaker_state|held_calls)\{[^}]*endpoint="([^"]*)"[^}]*\} (\S+)$/.exec(line);
      if (!found) continue;
      const e = endpoints[found[2]] || (endpoints[found[2]] = {});
      e[found[1]] = Number(found[3]);
    }
    const names = Object.keys(endpoints).sort();
    if (names.length === 0) return;
    setVisible($('endpoints-panel'), true);
    const body = $('endpoints-body');
    body.textContent = '';
    for (const name of names) {
      const e = endpoints[name];
      const li = document.createElement('li');
      li.dataset.endpoint = name;
      li.dataset.state = String(e.breaker_state);
      li.textContent = name + ': ' + (states[e.breaker_state] || 'unknown') + ', ' + (e.held_calls || 0) + ' held';
      body.appendChild(li);
    }
  }

  async function poll() {
    const started = Date.now();
    pollMetrics();
    const [e, t] = await Promise.allSettled([fetchJson('api/experiment'), fetchJson('api/timeseries')]);
    const errors = [];
    let expChanged = false, tsChanged = false;

    if (e.status === 'fulfilled') {
      if (e.value.text !== state.expText || !state.renderedExp) {
        state.experiment = e.value.data;
        state.expText = e.value.text;
        expChanged = true;
      }
    } else {
      errors.push('api/experiment: ' + (e.reason && e.reason.message ? e.reason.message : 'failed'));
    }
    if (t.status === 'fulfilled') {
      if (t.value.text !== state.tsText || !state.renderedTs) {
        state.timeseries = t.value.data;
        state.tsText = t.value.text;
        tsChanged = true;
      }
    } else {
      errors.push('api/timeseries: ' + (t.reason && t.reason.message ? t.reason.message : 'failed'));
    }

    if (expChanged) state.renderedExp = renderExperiment() || state.renderedExp;
    if ((tsChanged || expChanged) && state.timeseries) {
      state.renderedTs = guarded('charts', renderCharts) || state.renderedTs;
    }
    if (errors.length === 0) state.lastSuccessMs = Date.now();
    setConnection(errors);
    updateAgo();

    if (state.renderedExp && state.renderedTs && document.body.dataset.loaded !== 'true') {
      document.body.dataset.loaded = 'true';
    }
    setTimeout(poll, Math.max(250, POLL_MS - (Date.now() - started)));
  }

  /* re-draw charts when their box width changes (responsive SVG) */
  function watchResize() {
    let pending = null;
    const redraw = () => {
      pending = null;
      if (!state.timeseries) return;
      const changed = ['chart-accuracy', 'chart-cost', 'chart-throughput'].some((id) => {
        const w = Math.floor($(id).clientWidth || 0);
        return w > 0 && Math.abs(w - (state.chartWidths.get(id) || 0)) > 2;
      });
      if (changed) guarded('charts', renderCharts);
    };
    const schedule = () => { if (!pending) pending = setTimeout(redraw, 120); };
    window.addEventListener('resize', schedule);
    if (typeof ResizeObserver === 'function') {
      const ro = new ResizeObserver(schedule);
      for (const id of ['chart-accuracy', 'chart-cost', 'chart-throughput']) ro.observe($(id));
    }
  }

  // expose the formatter for debugging / tests in the browser console
  window.divconqFmt = fmt;

  setInterval(updateAgo, 1000);
  watchResize();
  poll(); // first render right away, then every 2 s
})();
