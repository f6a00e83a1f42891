// A module stand-in whose properties are read through `read(key)`; asking for all of its keys (`in`,
// `Object.keys`, spreading) loads the whole module with `whole()`.
module.exports = function lazyProxy(whole, read) {
  return new Proxy(
    {},
    {
      get: (_, key) => read(key),
      has: (_, key) => key in whole(),
      ownKeys: () => Reflect.ownKeys(whole()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(whole(), key);
        return d && { ...d, configurable: true }; // a proxy may not report a property of another object as fixed
      },
    },
  );
};
