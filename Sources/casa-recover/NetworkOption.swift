import ArgumentParser
import SeedKit

extension BitcoinNetwork: ExpressibleByArgument {}
