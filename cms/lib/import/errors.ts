/**
 * Why a page could not be imported. The message is written for the editor who chose the file, in Chinese,
 * and says what to do; nothing has been written to the CMS when this is thrown.
 */
export class ImportError extends Error {
  override name = 'ImportError'
}
