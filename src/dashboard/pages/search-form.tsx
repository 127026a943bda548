import { type FormEvent, useEffect, useState } from 'react';
import type { DashboardFilterOptionsQuery } from '../gql/graphql';
import { navigate } from '../router';
import { buildNodeOptions, nodeOptionLabel } from '../view-model/node-options';
import { routePath } from '../view-model/routes';
import {
  DECISION_KINDS,
  EXPERIMENT_STATUSES,
  LEARNING_CATEGORIES,
  ORDER_FIELDS,
  readTags,
  type SearchParams,
  toggle,
  withFilter,
  writeSearchParams,
} from '../view-model/search-params';
import { EXPERIMENT_KINDS, isIsoDate } from '../view-model/view-params';

/** Moves to the search `params` describe (a new history entry, so Back restores the previous search). */
export function showSearch(params: SearchParams): void {
  navigate(`${routePath({ page: 'search' })}${writeSearchParams(params)}`);
}

/** A group of checkboxes, one per value of `labels`, ticked when in `selected`. */
function CheckboxGroup<T extends string>(props: {
  legend: string;
  labels: Readonly<Record<T, string>>;
  selected: readonly T[];
  onToggle: (value: T) => void;
}) {
  return (
    <fieldset className="control kinds">
      <legend>{props.legend}</legend>
      {(Object.keys(props.labels) as T[]).map((value) => (
        <label key={value}>
          <input
            type="checkbox"
            value={value}
            checked={props.selected.includes(value)}
            onChange={() => props.onToggle(value)}
          />
          {props.labels[value]}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The search form. Menus and boxes search at once; the text fields (words, tags) when the form is submitted (Enter
 * or the Search button). Every change goes to the URL.
 */
export function SearchForm({ params, options }: { params: SearchParams; options: DashboardFilterOptionsQuery | null }) {
  const [text, setText] = useState(params.text);
  const [tagsAll, setTagsAll] = useState(params.tagsAll.join(', '));
  const [tagsAny, setTagsAny] = useState(params.tagsAny.join(', '));
  // Back, Forward and links change the URL: the fields follow it.
  useEffect(() => setText(params.text), [params.text]);
  useEffect(() => setTagsAll(params.tagsAll.join(', ')), [params.tagsAll]);
  useEffect(() => setTagsAny(params.tagsAny.join(', ')), [params.tagsAny]);

  const change = (next: Partial<Omit<SearchParams, 'after'>>) => showSearch(withFilter(params, next));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change({ text, tagsAll: readTags(tagsAll), tagsAny: readTags(tagsAny) });
  };
  const nodes = options
    ? buildNodeOptions(options.orgNodes.map((n) => ({ key: n.key, name: n.name, parentKey: n.parent?.key ?? null })))
    : [];
  return (
    <form className="controls search-form" role="search" aria-label="Search experiments" onSubmit={submit}>
      <div className="control search-text">
        <label htmlFor="search-text">Words (key, title, description, hypotheses, learnings)</label>
        <input
          id="search-text"
          type="search"
          value={text}
          placeholder='e.g. checkout -mobile "free trial"'
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="control">
        <label htmlFor="search-tags-all">Has all tags (comma-separated)</label>
        <input id="search-tags-all" type="text" value={tagsAll} onChange={(e) => setTagsAll(e.target.value)} />
      </div>
      <div className="control">
        <label htmlFor="search-tags-any">Has any tag (comma-separated)</label>
        <input id="search-tags-any" type="text" value={tagsAny} onChange={(e) => setTagsAny(e.target.value)} />
      </div>
      <button type="submit">Search</button>
      <div className="control">
        <label htmlFor="search-node">Owner (org node)</label>
        <select id="search-node" value={params.node ?? ''} onChange={(e) => change({ node: e.target.value || null })}>
          <option value="">The whole organisation</option>
          {params.node && !nodes.some((n) => n.key === params.node) ? (
            <option value={params.node}>{params.node}</option>
          ) : null}
          {nodes.map((n) => (
            <option key={n.key} value={n.key}>
              {nodeOptionLabel(n)}
            </option>
          ))}
        </select>
        <label className="inline">
          <input
            type="checkbox"
            checked={params.ownOnly}
            disabled={!params.node}
            onChange={(e) => change({ ownOnly: e.target.checked })}
          />
          its own experiments only (not its sub-teams&apos;)
        </label>
      </div>
      <div className="control">
        <label htmlFor="search-from">Concluded from (UTC, inclusive)</label>
        <input
          id="search-from"
          type="date"
          value={params.from ?? ''}
          onChange={(e) => change({ from: isIsoDate(e.target.value) ? e.target.value : null })}
        />
      </div>
      <div className="control">
        <label htmlFor="search-to">Concluded before (UTC, exclusive)</label>
        <input
          id="search-to"
          type="date"
          value={params.to ?? ''}
          onChange={(e) => change({ to: isIsoDate(e.target.value) ? e.target.value : null })}
        />
      </div>
      <div className="control">
        <label htmlFor="search-learning">Taught something</label>
        <select
          id="search-learning"
          value={params.isLearning === null ? '' : params.isLearning ? 'yes' : 'no'}
          onChange={(e) => change({ isLearning: e.target.value === '' ? null : e.target.value === 'yes' })}
        >
          <option value="">Any</option>
          <option value="yes">Yes (win, regression, powered neutral)</option>
          <option value="no">No (underpowered, invalid)</option>
        </select>
      </div>
      <div className="control">
        <label htmlFor="search-metric">Measures the metric</label>
        <select
          id="search-metric"
          value={params.metric ?? ''}
          onChange={(e) => change({ metric: e.target.value || null })}
        >
          <option value="">Any metric</option>
          {params.metric && !options?.metrics.some((m) => m.key === params.metric) ? (
            <option value={params.metric}>{params.metric}</option>
          ) : null}
          {(options?.metrics ?? []).map((m) => (
            <option key={m.key} value={m.key}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <div className="control">
        <label htmlFor="search-sort">Sort by</label>
        <select
          id="search-sort"
          value={params.sort}
          onChange={(e) => change({ sort: e.target.value as SearchParams['sort'] })}
        >
          {(Object.keys(ORDER_FIELDS) as Array<keyof typeof ORDER_FIELDS>).map((field) => (
            <option key={field} value={field}>
              {ORDER_FIELDS[field]}
            </option>
          ))}
        </select>
      </div>
      <div className="control">
        <label htmlFor="search-direction">Order</label>
        <select
          id="search-direction"
          value={params.direction}
          onChange={(e) => change({ direction: e.target.value === 'ASC' ? 'ASC' : 'DESC' })}
        >
          <option value="DESC">Descending (newest, Z first)</option>
          <option value="ASC">Ascending (oldest, A first)</option>
        </select>
      </div>
      <CheckboxGroup
        legend="EwL category (none ticked: any)"
        labels={LEARNING_CATEGORIES}
        selected={params.categories}
        onToggle={(c) => change({ categories: toggle(params.categories, c) })}
      />
      <CheckboxGroup
        legend="Status (none ticked: any)"
        labels={EXPERIMENT_STATUSES}
        selected={params.statuses}
        onToggle={(s) => change({ statuses: toggle(params.statuses, s) })}
      />
      <CheckboxGroup
        legend="Current decision (none ticked: any)"
        labels={DECISION_KINDS}
        selected={params.decisions}
        onToggle={(d) => change({ decisions: toggle(params.decisions, d) })}
      />
      <CheckboxGroup
        legend="Experiment kind (none ticked: any)"
        labels={EXPERIMENT_KINDS}
        selected={params.kinds}
        onToggle={(k) => change({ kinds: toggle(params.kinds, k) })}
      />
    </form>
  );
}
