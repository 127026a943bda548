import { navigate } from '../router';
import {
  EXPERIMENT_KINDS,
  type ExperimentKindName,
  isIsoDate,
  presetOf,
  type ViewParams,
  WINDOW_PRESETS,
  withPreset,
  writeViewParams,
} from '../view-model/view-params';

/** Moves to the same page with other parameters (a new history entry, so Back restores the previous view). */
export function showWithParams(pathname: string, params: ViewParams): void {
  navigate(`${pathname}${writeViewParams(params)}`);
}

/**
 * The window (a preset or two dates) and the kind filter of a page; every change goes to the URL (by `onChange`
 * when the page keeps more than these parameters in it).
 */
export function WindowControls({
  params,
  pathname,
  onChange,
}: {
  params: ViewParams;
  pathname: string;
  onChange?: (next: ViewParams) => void;
}) {
  const now = new Date();
  const preset = presetOf(params, now);
  const change = onChange ?? ((next: ViewParams) => showWithParams(pathname, next));
  const toggleKind = (kind: ExperimentKindName) =>
    change({
      ...params,
      kinds: params.kinds.includes(kind) ? params.kinds.filter((k) => k !== kind) : [...params.kinds, kind],
    });
  return (
    <form className="controls" aria-label="Window and filter" onSubmit={(e) => e.preventDefault()}>
      <div className="control">
        <label htmlFor="window-preset">Window</label>
        <select id="window-preset" value={preset} onChange={(e) => change(withPreset(params, e.target.value, now))}>
          {WINDOW_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom" disabled={preset !== 'custom'}>
            Custom dates
          </option>
        </select>
      </div>
      <div className="control">
        <label htmlFor="window-from">From (UTC, inclusive)</label>
        <input
          id="window-from"
          type="date"
          value={params.from ?? ''}
          onChange={(e) => change({ ...params, from: isIsoDate(e.target.value) ? e.target.value : null })}
        />
      </div>
      <div className="control">
        <label htmlFor="window-to">To (UTC, exclusive)</label>
        <input
          id="window-to"
          type="date"
          value={params.to ?? ''}
          onChange={(e) => change({ ...params, to: isIsoDate(e.target.value) ? e.target.value : null })}
        />
      </div>
      <fieldset className="control kinds">
        <legend>Experiment kinds (none ticked: all)</legend>
        {(Object.keys(EXPERIMENT_KINDS) as ExperimentKindName[]).map((kind) => (
          <label key={kind}>
            <input type="checkbox" checked={params.kinds.includes(kind)} onChange={() => toggleKind(kind)} />
            {EXPERIMENT_KINDS[kind]}
          </label>
        ))}
      </fieldset>
    </form>
  );
}
