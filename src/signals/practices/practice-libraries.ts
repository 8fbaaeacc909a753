/**
 * The libraries whose import is evidence of a practice. A library is a module name: an
 * import of it or of any of its submodules counts (`mlflow.pytorch` is `mlflow`), and an
 * entry with a dot counts only from there (`dvc.api`, not `import dvc`, which is the DVC
 * command line's own package).
 */

/**
 * Experiment tracking: the list, plus DVC's logger `dvclive` and TensorBoard writers
 * (`torch.utils.tensorboard`, `tensorboardX`, `tensorboard`), since a run logged to
 * TensorBoard event files is tracked, if only locally; and Lightning's logger modules, which
 * wrap these trackers. The hint is there to be silenced by evidence, so a library that
 * records runs counts even when it is not a full tracking server.
 */
export const DEFAULT_TRACKING_LIBRARIES: readonly string[] = [
  'mlflow',
  'wandb',
  'dvc.api',
  'dvclive',
  'clearml',
  'neptune',
  'comet_ml',
  'aim',
  'torch.utils.tensorboard',
  'tensorboardX',
  'tensorboard',
  'lightning.pytorch.loggers',
  'pytorch_lightning.loggers',
];

/**
 * Data validation: the list (`tensorflow_data_validation` is TFDV). Pydantic counts
 * wherever it is imported: a model validating records is a schema check on data.
 */
export const DEFAULT_VALIDATION_LIBRARIES: readonly string[] = [
  'great_expectations',
  'pandera',
  'pydantic',
  'tensorflow_data_validation',
  'deepchecks',
  'evidently',
];

/** Whether the imported `module` is `library` or one of its submodules. */
export function isLibraryModule(module: string, library: string): boolean {
  return module === library || module.startsWith(`${library}.`);
}

/**
 * The first of `libraries` that one of `imports` is (or is inside), or null. A group's files
 * import the same modules over and over: each distinct module is compared once per library.
 */
export function importedLibrary(
  imports: readonly string[],
  libraries: readonly string[],
): string | null {
  const modules = new Set(imports);
  for (const library of libraries) {
    if (modules.has(library)) return library;
    const prefix = `${library}.`;
    for (const module of modules) if (module.startsWith(prefix)) return library;
  }
  return null;
}
