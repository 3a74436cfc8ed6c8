import { describe, expect, it } from 'vitest';
import { applyFormat } from './formatting';

describe('applyFormat', () => {
  it('wraps the selection in bold or italic markers and unwraps it again', () => {
    const bold = applyFormat('bold', { text: 'ship it today', start: 8, end: 13 });
    expect(bold).toEqual({ text: 'ship it **today**', start: 10, end: 15 });
    expect(applyFormat('bold', bold)).toEqual({ text: 'ship it today', start: 8, end: 13 });
    expect(applyFormat('italic', { text: 'ab', start: 1, end: 1 })).toEqual({ text: 'a__b', start: 2, end: 2 });
  });

  it('links the selection with the URL selected to type over, or a selected URL with the label selected', () => {
    expect(applyFormat('link', { text: 'track here', start: 6, end: 10 })).toEqual({ text: 'track [here](https://)', start: 13, end: 21 });
    expect(applyFormat('link', { text: 'x https://ups.example', start: 2, end: 21 })).toEqual({ text: 'x [link text](https://ups.example)', start: 3, end: 12 });
    expect(applyFormat('link', { text: '', start: 0, end: 0 })).toEqual({ text: '[link text](https://)', start: 1, end: 10 });
  });

  it('turns the touched lines into a list and back', () => {
    const listed = applyFormat('list', { text: 'Intro\nSize M\nBlue', start: 8, end: 15 });
    expect(listed.text).toBe('Intro\n- Size M\n- Blue');
    expect(applyFormat('list', listed).text).toBe('Intro\nSize M\nBlue');
  });
});
