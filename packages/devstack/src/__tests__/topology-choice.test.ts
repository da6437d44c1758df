import { chooseTopology } from '../topology-choice';

describe('chooseTopology (npm start --topology / HUB_TOPOLOGY)', () => {
  it('keeps the embedded default when nothing is asked', () => {
    expect(chooseTopology([], {})).toBe('embedded');
    expect(chooseTopology([], { HUB_TOPOLOGY: '' })).toBe('embedded');
  });

  it('takes the topology from HUB_TOPOLOGY', () => {
    expect(chooseTopology([], { HUB_TOPOLOGY: 'split' })).toBe('split');
    expect(chooseTopology([], { HUB_TOPOLOGY: 'hive' })).toBe('hive');
  });

  it('takes --topology NAME and --topology=NAME, over the environment', () => {
    expect(chooseTopology(['--topology', 'hive'], {})).toBe('hive');
    expect(chooseTopology(['--topology=split'], { HUB_TOPOLOGY: 'hive' })).toBe('split');
  });

  it('refuses an unknown value, naming the variable and the values it takes', () => {
    expect(() => chooseTopology([], { HUB_TOPOLOGY: 'apollo' })).toThrow(
      'HUB_TOPOLOGY must be one of embedded, split, hive, got "apollo"',
    );
    expect(() => chooseTopology(['--topology', 'Hive'], {})).toThrow('--topology must be one of');
  });

  it('refuses a flag without value and any other argument', () => {
    expect(() => chooseTopology(['--topology'], {})).toThrow('--topology needs a value');
    expect(() => chooseTopology(['--topology', '--verbose'], {})).toThrow('--topology needs a value');
    expect(() => chooseTopology(['--topolgy=hive'], {})).toThrow('unknown argument "--topolgy=hive"');
  });
});
