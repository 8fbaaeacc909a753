/** Which practice library a set of imports shows: by library order, submodules included. */
import { describe, expect, it } from 'vitest';
import { importedLibrary } from '../../src/signals/practices/practice-libraries.js';

describe('importedLibrary', () => {
  it('answers the first library in its list that an import is or is inside', () => {
    const libraries = ['mlflow', 'dvc.api', 'wandb'];
    expect(importedLibrary(['wandb', 'mlflow.pytorch'], libraries)).toBe('mlflow');
    expect(importedLibrary(['os', 'wandb.sdk', 'wandb.sdk'], libraries)).toBe('wandb');
    expect(importedLibrary(['dvc.api'], libraries)).toBe('dvc.api');
    expect(importedLibrary(['dvc.api.params'], libraries)).toBe('dvc.api');
  });

  it('does not take a package for its namesakes or its parent', () => {
    const libraries = ['mlflow', 'dvc.api'];
    expect(importedLibrary(['dvc', 'mlflowx', 'my.mlflow'], libraries)).toBeNull();
    expect(importedLibrary([], libraries)).toBeNull();
  });
});
