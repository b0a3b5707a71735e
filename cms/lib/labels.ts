/** A label in the admin's two languages: Chinese (the default for editors) and English. */
export const label = (zh: string, en: string) => ({ zh, en })

/** Select options from a content-schema vocabulary, labelled in Chinese with the stored value in English. */
export const selectOptions = (options: readonly { value: string; label: string }[]) =>
  options.map((o) => ({ value: o.value, label: { zh: o.label, en: o.value } }))
