/**
 * Attachments: a GOV.UK file upload that sends each chosen file straight to `POST /files`
 * (DESIGN.md §6) with the session's access token, showing its progress, and lists the
 * files uploaded so far with a button to remove each. The form that holds it attaches the
 * files by their ids (createEvidence/updateEvidence `fileIds`) when it is saved.
 *
 * Uploads go through XMLHttpRequest rather than fetch because only it reports upload
 * progress, which matters for a large file on a slow connection.
 */
import { useEffect, useRef, useState } from 'react';
import { describedBy } from './forms';
import { ensureAccessToken } from '../lib/session';

/** A file on the server: one just uploaded, or one already attached to the record. */
export interface UploadedFile {
  id: string;
  name: string;
  contentType: string;
  /** In bytes. */
  size: number;
}

/** An upload the api refused (its JSON body's message), or one that never reached it. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

interface ErrorBody {
  code?: string;
  message?: string;
  fields?: Array<{ path: string; message: string }>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Sends one file to `POST /files` as multipart field `file`. `onProgress` hears bytes sent
 * of the request's total. Rejects with an UploadError carrying the api's message.
 */
export async function uploadFile(
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<UploadedFile> {
  const token = await ensureAccessToken();
  if (!token) throw new UploadError('Your session has ended. Sign in again, then add the file again.', 'UNAUTHENTICATED');
  return new Promise<UploadedFile>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/files');
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText) as (UploadedFile & ErrorBody) | null;
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body.id === 'string') {
        resolve({ id: body.id, name: body.name, contentType: body.contentType, size: body.size });
        return;
      }
      const message = body?.fields?.[0]?.message ?? body?.message;
      if (message) reject(new UploadError(message, body?.code ?? 'BAD_USER_INPUT'));
      else if (xhr.status === 413) reject(new UploadError('The file is too large.', 'BAD_USER_INPUT'));
      else reject(new UploadError('The file could not be uploaded. Try again.', 'INTERNAL_SERVER_ERROR'));
    };
    xhr.onerror = () => reject(new UploadError('The file could not be uploaded. Check your connection and try again.', 'NETWORK_ERROR'));
    xhr.onabort = () => reject(new UploadError('The upload was cancelled.', 'ABORTED'));
    if (signal) {
      if (signal.aborted) {
        reject(new UploadError('The upload was cancelled.', 'ABORTED'));
        return;
      }
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    const data = new FormData();
    data.append('file', file, file.name);
    xhr.send(data);
  });
}

/** "1.5 MB", "340 KB", "900 bytes". */
export function describeSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
}

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet',
  'text/csv': 'CSV',
  'text/plain': 'Text',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
};

/** A file's type in words: "PDF", "Word document". */
export function describeType(contentType: string): string {
  return TYPE_NAMES[contentType] ?? contentType;
}

/** The file types the api accepts (it decides from the content; this only helps the picker). */
export const ACCEPTED_FILES = '.pdf,.docx,.xlsx,.csv,.txt,.png,.jpg,.jpeg';

interface InProgress {
  key: number;
  name: string;
  percent: number;
}

interface Refused {
  key: number;
  name: string;
  message: string;
}

export interface FileUploadProps {
  /** The input's name and id: the error summary links to it. */
  name: string;
  label: string;
  hint?: string;
  /** A problem with the attachments from saving the form (such as `input.fileIds`). */
  error?: string;
  /** The files uploaded or attached so far, in order. */
  files: UploadedFile[];
  onChange: (files: UploadedFile[]) => void;
  /** Told how many uploads are still running, so the form can wait for them before saving. */
  onUploadingChange?: (count: number) => void;
  /** Most files the record may have. */
  max?: number;
}

/**
 * The file field: choosing files uploads each at once, one after another. Refused files
 * show the api's message as the field's error; uploaded files are listed under it.
 */
export function FileUpload({ name, label, hint, error, files, onChange, onUploadingChange, max = 20 }: FileUploadProps) {
  const [uploading, setUploading] = useState<InProgress[]>([]);
  const [refused, setRefused] = useState<Refused[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const nextKey = useRef(1);
  const aborter = useRef<AbortController | null>(null);
  // The latest list, for uploads that finish after the parent has re-rendered.
  const filesRef = useRef(files);
  filesRef.current = files;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    onUploadingChange?.(uploading.length);
  }, [uploading.length, onUploadingChange]);

  useEffect(() => {
    const controller = new AbortController();
    aborter.current = controller;
    return () => controller.abort();
  }, []);

  const choose = async (chosen: File[]) => {
    if (!chosen.length) return;
    if (input.current) input.current.value = '';
    const room = Math.max(0, max - filesRef.current.length - uploading.length);
    const tooMany = chosen
      .slice(room)
      .map((f) => ({ key: nextKey.current++, name: f.name, message: `You can attach up to ${max} files.` }));
    const queue = chosen.slice(0, room).map((file) => ({ file, key: nextKey.current++ }));
    setRefused(tooMany);
    setUploading((u) => [...u, ...queue.map((q) => ({ key: q.key, name: q.file.name, percent: 0 }))]);
    for (const { file, key } of queue) {
      let lastSaid = 0;
      setAnnouncement(`Uploading ${file.name}`);
      try {
        const done = await uploadFile(
          file,
          (sent, total) => {
            const percent = total ? Math.min(100, Math.floor((sent / total) * 100)) : 0;
            setUploading((u) => u.map((x) => (x.key === key ? { ...x, percent } : x)));
            // Spoken every quarter, not every percent, so a screen reader is not flooded.
            const quarter = Math.floor(percent / 25) * 25;
            if (quarter > lastSaid && quarter < 100) {
              lastSaid = quarter;
              setAnnouncement(`${file.name}: ${quarter}% uploaded`);
            }
          },
          aborter.current?.signal,
        );
        onChangeRef.current([...filesRef.current, done]);
        filesRef.current = [...filesRef.current, done];
        setAnnouncement(`${file.name} uploaded`);
      } catch (e) {
        if (e instanceof UploadError && e.code === 'ABORTED') return;
        const message = e instanceof Error ? e.message : 'The file could not be uploaded. Try again.';
        setRefused((r) => [...r, { key, name: file.name, message }]);
        setAnnouncement(`${file.name} was not uploaded: ${message}`);
      } finally {
        setUploading((u) => u.filter((x) => x.key !== key));
      }
    }
  };

  const remove = (id: string) => {
    const file = files.find((f) => f.id === id);
    onChange(files.filter((f) => f.id !== id));
    setAnnouncement(file ? `${file.name} removed` : 'File removed');
    // The button is gone: carry on from the file field.
    input.current?.focus();
  };

  const errors = [...(error ? [error] : []), ...refused.map((r) => `${r.name}: ${r.message}`)];
  const errorText = errors.length ? errors.join(' ') : undefined;

  return (
    <div className={`govuk-form-group${errors.length ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={name}>
        {label}
      </label>
      {hint && (
        <div id={`${name}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {errors.length > 0 && (
        <div id={`${name}-error`}>
          {errors.map((m, i) => (
            <p className="govuk-error-message" key={i}>
              <span className="govuk-visually-hidden">Error:</span> {m}
            </p>
          ))}
        </div>
      )}
      <input
        ref={input}
        className={`govuk-file-upload${errors.length ? ' govuk-file-upload--error' : ''}`}
        id={name}
        name={name}
        type="file"
        multiple
        accept={ACCEPTED_FILES}
        aria-describedby={describedBy(name, hint, errorText)}
        onChange={(e) => void choose(Array.from(e.target.files ?? []))}
      />

      {uploading.length > 0 && (
        <ul className="govuk-list govuk-!-margin-top-4" id={`${name}-uploading`}>
          {uploading.map((u) => (
            <li key={u.key} className="govuk-!-margin-bottom-3">
              <span className="govuk-body govuk-!-display-block govuk-!-margin-bottom-1" id={`${name}-uploading-${u.key}`}>
                Uploading {u.name}
              </span>
              <progress max={100} value={u.percent} aria-labelledby={`${name}-uploading-${u.key}`} style={{ width: '60%' }} />{' '}
              <span className="govuk-body-s">{u.percent}%</span>
            </li>
          ))}
        </ul>
      )}

      <div className="govuk-visually-hidden" aria-live="polite" id={`${name}-status`}>
        {announcement}
      </div>

      {files.length > 0 && (
        <>
          <h3 className="govuk-heading-s govuk-!-margin-top-4 govuk-!-margin-bottom-2" id={`${name}-list-heading`}>
            {files.length === 1 ? '1 file' : `${files.length} files`} attached
          </h3>
          <dl className="govuk-summary-list" id={`${name}-list`}>
            {files.map((f) => (
              <div className="govuk-summary-list__row" key={f.id} data-file-id={f.id}>
                <dt className="govuk-summary-list__key" style={{ overflowWrap: 'anywhere' }}>
                  {f.name}
                </dt>
                <dd className="govuk-summary-list__value">
                  {describeType(f.contentType)}, {describeSize(f.size)}
                </dd>
                <dd className="govuk-summary-list__actions">
                  <button type="button" className="app-link-button" onClick={() => remove(f.id)}>
                    Remove<span className="govuk-visually-hidden"> {f.name}</span>
                  </button>
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </div>
  );
}
