import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './route';

const PROJECT = '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f';
const DOCUMENT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('routes', () => {
  it('reads a join link with the database URL in it', () => {
    const url = 'https://couch.example.org/team%2Finterviews-2027';
    expect(parseRoute(`#/join?db=${encodeURIComponent(url)}`)).toEqual({ name: 'join', url });
    expect(parseRoute('#/join')).toEqual({ name: 'join', url: '' });
  });

  it('writes every route so that it reads back the same', () => {
    const routes: Route[] = [
      { name: 'home' },
      { name: 'project', projectGuid: PROJECT, documentGuid: null, analysis: null },
      { name: 'project', projectGuid: PROJECT, documentGuid: DOCUMENT, analysis: null },
      { name: 'project', projectGuid: PROJECT, documentGuid: null, analysis: 'matrix' },
      { name: 'join', url: 'http://127.0.0.1:5984/a+b_c$(d)' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('goes home on anything else', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/joined')).toEqual({ name: 'home' });
  });
});
