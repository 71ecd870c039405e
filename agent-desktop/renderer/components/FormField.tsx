import type { ComponentChildren } from 'preact';

interface Props {
  /** Id of the control inside, which the label and the message refer to. */
  id: string;
  label: string;
  required?: boolean;
  error?: string;
  hint?: ComponentChildren;
  children: ComponentChildren;
  class?: string;
}

/** Id of the element that carries a field's message. */
export const fieldMessageId = (id: string) => `${id}-message`;

/** Returns the attributes that tie a control to its field message, for screen readers and tests. */
export function describedBy(id: string, error: string | undefined) {
  return { id, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': fieldMessageId(id) };
}

/** Renders a label, its control and the Chinese message or hint under it. */
export function FormField({ id, label, required = false, error, hint, children, class: className }: Props) {
  return (
    <div class={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label class="field-label" for={id}>
        {label}
        {required && (
          <span class="required" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {children}
      <p id={fieldMessageId(id)} class={error ? 'field-error' : 'field-hint'}>
        {error ?? hint ?? ''}
      </p>
    </div>
  );
}
