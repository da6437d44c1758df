/** The spellings of a new source's name. */
export interface SourceNames {
  /** 'example-agency' */
  readonly slug: string;
  /** 'exampleAgency' */
  readonly camel: string;
  /** 'ExampleAgency' */
  readonly pascal: string;
  /** 'EXAMPLE_AGENCY' */
  readonly constant: string;
}

export function sourceNames(slug: string): SourceNames {
  const parts = slug.split('-');
  const pascal = parts.map((p) => (p[0] ?? '').toUpperCase() + p.slice(1)).join('');
  return { slug, camel: pascal[0]?.toLowerCase() + pascal.slice(1), pascal, constant: slug.toUpperCase().replace(/-/g, '_') };
}
